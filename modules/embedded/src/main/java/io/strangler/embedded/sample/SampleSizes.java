package io.strangler.embedded.sample;

/**
 * How many rows the generator writes for a given {@code rowsPerTable} = n. Ids of every table run from 1 to its
 * count, except where noted.
 *
 * <pre>
 * warehouses          3 + n/1000           categories        10 + n/20 (the first 5 are roots)
 * customers           n                    customer_addresses 2n (id 2c-1 shipping, 2c billing of customer c)
 * users               n (id = customer id) user_roles        n + n/50 + n/200
 * products            n                    product_images    n (id = product id)
 * product_categories  n + ceil(n/2)        inventory         2n (two warehouses per product)
 * carts               n/2                  cart_items        2 per cart
 * coupons             20 + n/50            orders            n
 * order_items         1..5 per order, ~3n  order_coupons     n/7 (every 7th order)
 * payments            ~0.8n, id = order id, for paid/shipped/delivered orders
 * shipments           ~0.55n, id = order id, for shipped/delivered orders
 * reviews             n/2 (review i is written by customer i)
 * audit_log           n, id = order id, one "order.placed" event per order
 * </pre>
 * In total about 19n rows (n = 10,000 gives 190,823 with seed 8).
 *
 * @param rowsPerTable n
 * @param warehouses   warehouse count (ids 1..warehouses)
 * @param categories   category count
 * @param customers    customer count (also users)
 * @param products     product count
 * @param carts        cart count
 * @param coupons      coupon count
 * @param orders       order count
 * @param reviews      review count
 */
public record SampleSizes(int rowsPerTable, int warehouses, int categories, long customers, long products,
                          long carts, int coupons, long orders, long reviews) {

    /** Smallest supported n: carts need two distinct products and categories need roots. */
    public static final int MIN_ROWS_PER_TABLE = 10;

    public SampleSizes {
        if (rowsPerTable < MIN_ROWS_PER_TABLE) {
            throw new IllegalArgumentException("rowsPerTable must be at least " + MIN_ROWS_PER_TABLE + ", was "
                    + rowsPerTable);
        }
    }

    /** The sizes the generator uses for n rows per table. */
    public static SampleSizes of(int rowsPerTable) {
        if (rowsPerTable < MIN_ROWS_PER_TABLE) {
            throw new IllegalArgumentException("rowsPerTable must be at least " + MIN_ROWS_PER_TABLE + ", was "
                    + rowsPerTable);
        }
        int n = rowsPerTable;
        return new SampleSizes(n, 3 + n / 1000, 10 + n / 20, n, n, Math.max(1, n / 2), 20 + n / 50, n, n / 2);
    }

    /** Largest id any generated row has (customer_addresses): inserts above it never collide with generated rows. */
    public long maxGeneratedId() {
        return 2L * rowsPerTable;
    }
}
