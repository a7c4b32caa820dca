-- The pick queue and the next claim read a store's waiting orders by promise: without this index every
-- claim sorted all of the store's confirmed orders to take the first one.
CREATE INDEX "orders_floor_queue_ix" ON "orders" USING btree ("store_id","promised_at","created_at","id") WHERE "orders"."status" in ('confirmed', 'packing');
