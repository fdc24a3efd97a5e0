-- Sample monolith: an online shop, PostgreSQL flavour. The MariaDB flavour (mariadb.sql) has the same tables,
-- the same column names and equivalent types; io.strangler.embedded.sample.SampleMonolith describes both.
-- Everything lives in the current schema (public). Every table has a primary key; audit_log deliberately has
-- no foreign key (an append-only log that must survive deletes of what it describes).
-- Statements are separated by a semicolon at the end of a line; SampleMonolith splits on that.

CREATE TYPE address_kind AS ENUM ('billing', 'shipping');
CREATE TYPE user_role AS ENUM ('customer', 'support', 'admin');
CREATE TYPE product_status AS ENUM ('draft', 'active', 'discontinued');
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled');
CREATE TYPE payment_method AS ENUM ('card', 'paypal', 'bank_transfer', 'gift_card');

CREATE TABLE warehouses (
    id          integer PRIMARY KEY,
    code        char(4) NOT NULL UNIQUE,
    name        varchar(100) NOT NULL,
    country     char(2) NOT NULL,
    opened_on   date NOT NULL,
    latitude    double precision NOT NULL,
    longitude   double precision NOT NULL
);

CREATE TABLE categories (
    id          integer PRIMARY KEY,
    parent_id   integer REFERENCES categories (id),
    name        varchar(100) NOT NULL,
    slug        varchar(120) NOT NULL UNIQUE,
    sort_order  smallint NOT NULL
);

CREATE TABLE customers (
    id              bigint PRIMARY KEY,
    first_name      varchar(60) NOT NULL,
    last_name       varchar(60) NOT NULL,
    email           varchar(255) NOT NULL UNIQUE,
    phone           varchar(32),
    birth_date      date,
    loyalty_points  integer NOT NULL DEFAULT 0 CHECK (loyalty_points >= 0),
    vip             boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE customer_addresses (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    kind        address_kind NOT NULL,
    line1       varchar(200) NOT NULL,
    line2       varchar(200),
    city        varchar(100) NOT NULL,
    postal_code varchar(16) NOT NULL,
    country     char(2) NOT NULL,
    is_default  boolean NOT NULL
);

CREATE TABLE users (
    id              bigint PRIMARY KEY,
    customer_id     bigint UNIQUE REFERENCES customers (id),
    email           varchar(255) NOT NULL UNIQUE,
    password_hash   bytea NOT NULL,
    last_login      timestamptz,
    active          boolean NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE TABLE user_roles (
    user_id     bigint NOT NULL REFERENCES users (id),
    role        user_role NOT NULL,
    granted_at  timestamp NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE products (
    id          bigint PRIMARY KEY,
    sku_uuid    uuid NOT NULL UNIQUE,
    name        varchar(200) NOT NULL,
    description text,
    price       numeric(12,2) NOT NULL CHECK (price >= 0),
    weight_kg   real NOT NULL,
    attributes  jsonb NOT NULL,
    status      product_status NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE product_images (
    id              bigint PRIMARY KEY,
    product_id      bigint NOT NULL REFERENCES products (id),
    sort_order      smallint NOT NULL,
    content_type    varchar(50) NOT NULL,
    image_data      bytea NOT NULL,
    UNIQUE (product_id, sort_order)
);

CREATE TABLE product_categories (
    product_id  bigint NOT NULL REFERENCES products (id),
    category_id integer NOT NULL REFERENCES categories (id),
    PRIMARY KEY (product_id, category_id)
);

CREATE TABLE inventory (
    product_id      bigint NOT NULL REFERENCES products (id),
    warehouse_id    integer NOT NULL REFERENCES warehouses (id),
    quantity        integer NOT NULL CHECK (quantity >= 0),
    reserved        integer NOT NULL CHECK (reserved >= 0),
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (product_id, warehouse_id)
);

CREATE TABLE carts (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE cart_items (
    cart_id     bigint NOT NULL REFERENCES carts (id),
    product_id  bigint NOT NULL REFERENCES products (id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    added_at    timestamp NOT NULL,
    PRIMARY KEY (cart_id, product_id)
);

CREATE TABLE coupons (
    id          integer PRIMARY KEY,
    code        varchar(32) NOT NULL UNIQUE,
    percent_off numeric(5,2) NOT NULL CHECK (percent_off > 0 AND percent_off <= 100),
    valid_from  date NOT NULL,
    valid_until date NOT NULL,
    max_uses    integer,
    CHECK (valid_until >= valid_from)
);

CREATE TABLE orders (
    id                  bigint PRIMARY KEY,
    customer_id         bigint NOT NULL REFERENCES customers (id),
    shipping_address_id bigint NOT NULL REFERENCES customer_addresses (id),
    status              order_status NOT NULL,
    currency            char(3) NOT NULL,
    total               numeric(12,2) NOT NULL CHECK (total >= 0),
    placed_at           timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    notes               text
);

CREATE TABLE order_items (
    order_id        bigint NOT NULL REFERENCES orders (id),
    line_no         smallint NOT NULL,
    product_id      bigint NOT NULL REFERENCES products (id),
    quantity        integer NOT NULL CHECK (quantity > 0),
    unit_price      numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    discount_rate   numeric(5,4) NOT NULL CHECK (discount_rate >= 0 AND discount_rate <= 1),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_coupons (
    order_id    bigint NOT NULL REFERENCES orders (id),
    coupon_id   integer NOT NULL REFERENCES coupons (id),
    applied_at  timestamptz NOT NULL,
    PRIMARY KEY (order_id, coupon_id)
);

CREATE TABLE payments (
    id              bigint PRIMARY KEY,
    order_id        bigint NOT NULL REFERENCES orders (id),
    method          payment_method NOT NULL,
    amount          numeric(12,2) NOT NULL CHECK (amount >= 0),
    captured        boolean NOT NULL,
    captured_at     timestamptz,
    provider_ref    varchar(64) NOT NULL UNIQUE,
    fee_rate        double precision NOT NULL
);

CREATE TABLE shipments (
    id              bigint PRIMARY KEY,
    order_id        bigint NOT NULL REFERENCES orders (id),
    warehouse_id    integer NOT NULL REFERENCES warehouses (id),
    carrier         varchar(40) NOT NULL,
    tracking_code   char(12) NOT NULL UNIQUE,
    ship_date       date NOT NULL,
    window_start    time NOT NULL,
    window_end      time NOT NULL,
    delivered_at    timestamptz,
    CHECK (window_end > window_start)
);

CREATE TABLE reviews (
    id              bigint PRIMARY KEY,
    product_id      bigint NOT NULL REFERENCES products (id),
    customer_id     bigint NOT NULL REFERENCES customers (id),
    rating          smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title           varchar(200) NOT NULL,
    body            text NOT NULL,
    helpful_votes   integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL
);

CREATE TABLE audit_log (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       varchar(100) NOT NULL,
    action      varchar(50) NOT NULL,
    entity      varchar(50) NOT NULL,
    entity_id   bigint NOT NULL,
    payload     jsonb NOT NULL
);

-- PostgreSQL does not index referencing columns by itself; the workload deletes orders with their children.
CREATE INDEX customer_addresses_customer_idx ON customer_addresses (customer_id);
CREATE INDEX product_categories_category_idx ON product_categories (category_id);
CREATE INDEX carts_customer_idx ON carts (customer_id);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX order_items_product_idx ON order_items (product_id);
CREATE INDEX payments_order_idx ON payments (order_id);
CREATE INDEX shipments_order_idx ON shipments (order_id);
CREATE INDEX reviews_product_idx ON reviews (product_id);

-- REPLICA IDENTITY FULL: CDC (logical decoding, pgoutput) then carries the complete old row on UPDATE and
-- DELETE, which sync and consistency need to compare images, and never sends unchanged-TOAST placeholders.
ALTER TABLE warehouses REPLICA IDENTITY FULL;
ALTER TABLE categories REPLICA IDENTITY FULL;
ALTER TABLE customers REPLICA IDENTITY FULL;
ALTER TABLE customer_addresses REPLICA IDENTITY FULL;
ALTER TABLE users REPLICA IDENTITY FULL;
ALTER TABLE user_roles REPLICA IDENTITY FULL;
ALTER TABLE products REPLICA IDENTITY FULL;
ALTER TABLE product_images REPLICA IDENTITY FULL;
ALTER TABLE product_categories REPLICA IDENTITY FULL;
ALTER TABLE inventory REPLICA IDENTITY FULL;
ALTER TABLE carts REPLICA IDENTITY FULL;
ALTER TABLE cart_items REPLICA IDENTITY FULL;
ALTER TABLE coupons REPLICA IDENTITY FULL;
ALTER TABLE orders REPLICA IDENTITY FULL;
ALTER TABLE order_items REPLICA IDENTITY FULL;
ALTER TABLE order_coupons REPLICA IDENTITY FULL;
ALTER TABLE payments REPLICA IDENTITY FULL;
ALTER TABLE shipments REPLICA IDENTITY FULL;
ALTER TABLE reviews REPLICA IDENTITY FULL;
ALTER TABLE audit_log REPLICA IDENTITY FULL;
