-- Sample monolith: an online shop, MariaDB (>= 10.7, for the UUID type) flavour. Same tables and column names
-- as postgresql.sql, with equivalent types:
--   boolean -> BOOLEAN (TINYINT(1)), real -> FLOAT, double precision -> DOUBLE, bytea -> VARBINARY/BLOB,
--   timestamp -> DATETIME(6), timestamptz -> TIMESTAMP(6) (stored as UTC, read in the session time zone),
--   jsonb -> JSON (LONGTEXT with a JSON_VALID check), CREATE TYPE ... AS ENUM -> inline ENUM(...),
--   identity -> AUTO_INCREMENT.
-- Everything lives in the current database. Every table has a primary key; audit_log deliberately has no
-- foreign key. CDC needs binlog_format=ROW and binlog_row_image=FULL on the server (the counterpart of
-- PostgreSQL's REPLICA IDENTITY FULL); that is server configuration, not DDL.
-- Statements are separated by a semicolon at the end of a line; SampleMonolith splits on that.

CREATE TABLE warehouses (
    id          INT NOT NULL PRIMARY KEY,
    code        CHAR(4) NOT NULL UNIQUE,
    name        VARCHAR(100) NOT NULL,
    country     CHAR(2) NOT NULL,
    opened_on   DATE NOT NULL,
    latitude    DOUBLE NOT NULL,
    longitude   DOUBLE NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE categories (
    id          INT NOT NULL PRIMARY KEY,
    parent_id   INT NULL,
    name        VARCHAR(100) NOT NULL,
    slug        VARCHAR(120) NOT NULL UNIQUE,
    sort_order  SMALLINT NOT NULL,
    CONSTRAINT categories_parent_fk FOREIGN KEY (parent_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE customers (
    id              BIGINT NOT NULL PRIMARY KEY,
    first_name      VARCHAR(60) NOT NULL,
    last_name       VARCHAR(60) NOT NULL,
    email           VARCHAR(255) NOT NULL UNIQUE,
    phone           VARCHAR(32) NULL,
    birth_date      DATE NULL,
    loyalty_points  INT NOT NULL DEFAULT 0 CHECK (loyalty_points >= 0),
    vip             BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP(6) NOT NULL,
    updated_at      TIMESTAMP(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE customer_addresses (
    id          BIGINT NOT NULL PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    kind        ENUM('billing', 'shipping') NOT NULL,
    line1       VARCHAR(200) NOT NULL,
    line2       VARCHAR(200) NULL,
    city        VARCHAR(100) NOT NULL,
    postal_code VARCHAR(16) NOT NULL,
    country     CHAR(2) NOT NULL,
    is_default  BOOLEAN NOT NULL,
    CONSTRAINT customer_addresses_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE users (
    id              BIGINT NOT NULL PRIMARY KEY,
    customer_id     BIGINT NULL UNIQUE,
    email           VARCHAR(255) NOT NULL UNIQUE,
    password_hash   VARBINARY(64) NOT NULL,
    last_login      TIMESTAMP(6) NULL DEFAULT NULL,
    active          BOOLEAN NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT users_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE user_roles (
    user_id     BIGINT NOT NULL,
    role        ENUM('customer', 'support', 'admin') NOT NULL,
    granted_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT user_roles_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE products (
    id          BIGINT NOT NULL PRIMARY KEY,
    sku_uuid    UUID NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    description TEXT NULL,
    price       DECIMAL(12,2) NOT NULL CHECK (price >= 0),
    weight_kg   FLOAT NOT NULL,
    attributes  JSON NOT NULL,
    status      ENUM('draft', 'active', 'discontinued') NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    updated_at  TIMESTAMP(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE product_images (
    id              BIGINT NOT NULL PRIMARY KEY,
    product_id      BIGINT NOT NULL,
    sort_order      SMALLINT NOT NULL,
    content_type    VARCHAR(50) NOT NULL,
    image_data      BLOB NOT NULL,
    UNIQUE (product_id, sort_order),
    CONSTRAINT product_images_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE product_categories (
    product_id  BIGINT NOT NULL,
    category_id INT NOT NULL,
    PRIMARY KEY (product_id, category_id),
    CONSTRAINT product_categories_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT product_categories_category_fk FOREIGN KEY (category_id) REFERENCES categories (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE inventory (
    product_id      BIGINT NOT NULL,
    warehouse_id    INT NOT NULL,
    quantity        INT NOT NULL CHECK (quantity >= 0),
    reserved        INT NOT NULL CHECK (reserved >= 0),
    updated_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (product_id, warehouse_id),
    CONSTRAINT inventory_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT inventory_warehouse_fk FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE carts (
    id          BIGINT NOT NULL PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    updated_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT carts_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE cart_items (
    cart_id     BIGINT NOT NULL,
    product_id  BIGINT NOT NULL,
    quantity    INT NOT NULL CHECK (quantity > 0),
    added_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (cart_id, product_id),
    CONSTRAINT cart_items_cart_fk FOREIGN KEY (cart_id) REFERENCES carts (id),
    CONSTRAINT cart_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE coupons (
    id          INT NOT NULL PRIMARY KEY,
    code        VARCHAR(32) NOT NULL UNIQUE,
    percent_off DECIMAL(5,2) NOT NULL CHECK (percent_off > 0 AND percent_off <= 100),
    valid_from  DATE NOT NULL,
    valid_until DATE NOT NULL,
    max_uses    INT NULL,
    CONSTRAINT coupons_valid_range CHECK (valid_until >= valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE orders (
    id                  BIGINT NOT NULL PRIMARY KEY,
    customer_id         BIGINT NOT NULL,
    shipping_address_id BIGINT NOT NULL,
    status              ENUM('pending', 'paid', 'shipped', 'delivered', 'cancelled') NOT NULL,
    currency            CHAR(3) NOT NULL,
    total               DECIMAL(12,2) NOT NULL CHECK (total >= 0),
    placed_at           TIMESTAMP(6) NOT NULL,
    updated_at          TIMESTAMP(6) NOT NULL,
    notes               TEXT NULL,
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT orders_shipping_address_fk FOREIGN KEY (shipping_address_id) REFERENCES customer_addresses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE order_items (
    order_id        BIGINT NOT NULL,
    line_no         SMALLINT NOT NULL,
    product_id      BIGINT NOT NULL,
    quantity        INT NOT NULL CHECK (quantity > 0),
    unit_price      DECIMAL(12,2) NOT NULL CHECK (unit_price >= 0),
    discount_rate   DECIMAL(5,4) NOT NULL CHECK (discount_rate >= 0 AND discount_rate <= 1),
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE order_coupons (
    order_id    BIGINT NOT NULL,
    coupon_id   INT NOT NULL,
    applied_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (order_id, coupon_id),
    CONSTRAINT order_coupons_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_coupons_coupon_fk FOREIGN KEY (coupon_id) REFERENCES coupons (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE payments (
    id              BIGINT NOT NULL PRIMARY KEY,
    order_id        BIGINT NOT NULL,
    method          ENUM('card', 'paypal', 'bank_transfer', 'gift_card') NOT NULL,
    amount          DECIMAL(12,2) NOT NULL CHECK (amount >= 0),
    captured        BOOLEAN NOT NULL,
    captured_at     TIMESTAMP(6) NULL DEFAULT NULL,
    provider_ref    VARCHAR(64) NOT NULL UNIQUE,
    fee_rate        DOUBLE NOT NULL,
    CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE shipments (
    id              BIGINT NOT NULL PRIMARY KEY,
    order_id        BIGINT NOT NULL,
    warehouse_id    INT NOT NULL,
    carrier         VARCHAR(40) NOT NULL,
    tracking_code   CHAR(12) NOT NULL UNIQUE,
    ship_date       DATE NOT NULL,
    window_start    TIME(6) NOT NULL,
    window_end      TIME(6) NOT NULL,
    delivered_at    TIMESTAMP(6) NULL DEFAULT NULL,
    CONSTRAINT shipments_window CHECK (window_end > window_start),
    CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT shipments_warehouse_fk FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE reviews (
    id              BIGINT NOT NULL PRIMARY KEY,
    product_id      BIGINT NOT NULL,
    customer_id     BIGINT NOT NULL,
    rating          SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title           VARCHAR(200) NOT NULL,
    body            TEXT NOT NULL,
    helpful_votes   INT NOT NULL DEFAULT 0,
    created_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT reviews_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT reviews_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE audit_log (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at TIMESTAMP(6) NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(50) NOT NULL,
    entity      VARCHAR(50) NOT NULL,
    entity_id   BIGINT NOT NULL,
    payload     JSON NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
