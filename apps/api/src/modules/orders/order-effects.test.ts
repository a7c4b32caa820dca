import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../db/schema/index';
import { effectsOf, ORDER_EFFECTS, type OrderMove } from './order-effects';
import type { OrderRow } from './orders.repository';

const move = (from: OrderStatus, to: OrderStatus, paymentMethod: 'card' | 'cod' = 'card', walletPaid = 0): OrderMove => ({
  order: { id: 'o1', paymentMethod, walletPaid } as OrderRow,
  from,
  to,
  note: null,
});
const names = (m: OrderMove) => effectsOf(m).map((e) => ORDER_EFFECTS.indexOf(e));
const [PUBLISH, EMAIL, CANCEL_INTENT, REFUND, INVOICE] = [0, 1, 2, 3, 4];

describe('the order effects table', () => {
  it('publishes every move', () => {
    expect(names(move('confirmed', 'packing'))).toEqual([PUBLISH]);
  });
  it('emails on delivered and cancelled only', () => {
    expect(names(move('out_for_delivery', 'delivered', 'cod'))).toEqual([PUBLISH, EMAIL, INVOICE]);
    expect(names(move('confirmed', 'cancelled', 'cod'))).toEqual([PUBLISH, EMAIL]);
    expect(names(move('packed', 'out_for_delivery'))).toEqual([PUBLISH]);
  });
  it('cancels the PaymentIntent when an unpaid card order can no longer be paid', () => {
    expect(names(move('pending_payment', 'cancelled'))).toEqual([PUBLISH, EMAIL, CANCEL_INTENT]);
    expect(names(move('pending_payment', 'expired'))).toEqual([PUBLISH, CANCEL_INTENT]);
    expect(names(move('pending_payment', 'payment_failed'))).toEqual([PUBLISH, CANCEL_INTENT]);
    expect(names(move('pending_payment', 'cancelled', 'cod'))).toEqual([PUBLISH, EMAIL]);
    expect(names(move('pending_payment', 'confirmed'))).toEqual([PUBLISH]);
  });
  it('refunds a paid card order that is cancelled or refunded, from any paid status', () => {
    for (const from of ['scheduled', 'confirmed', 'packing', 'packed', 'out_for_delivery'] as const) {
      expect(names(move(from, 'cancelled'))).toEqual([PUBLISH, EMAIL, REFUND]);
      expect(names(move(from, 'refunded'))).toEqual([PUBLISH, REFUND]);
    }
    expect(names(move('delivered', 'refunded'))).toEqual([PUBLISH, REFUND]);
    expect(names(move('cancelled', 'refunded'))).toEqual([PUBLISH, REFUND]);
    // Cash collected at the door goes back to Fatafat Cash.
    expect(names(move('delivered', 'refunded', 'cod'))).toEqual([PUBLISH, REFUND]);
  });
  it('gives back the wallet part of an order that is cancelled, expired, failed or refunded, however the rest was to be paid', () => {
    expect(names(move('confirmed', 'cancelled', 'cod', 500))).toEqual([PUBLISH, EMAIL, REFUND]);
    expect(names(move('pending_payment', 'expired', 'card', 500))).toEqual([PUBLISH, CANCEL_INTENT, REFUND]);
    expect(names(move('pending_payment', 'cancelled', 'card', 500))).toEqual([PUBLISH, EMAIL, CANCEL_INTENT, REFUND]);
    expect(names(move('confirmed', 'cancelled', 'cod', 0))).toEqual([PUBLISH, EMAIL]);
    expect(names(move('pending_payment', 'payment_failed', 'card', 500))).toEqual([PUBLISH, CANCEL_INTENT, REFUND]);
  });
});
