import { describe, expect, it } from 'vitest';
import { orderStreamUrl } from './order-stream-url';

describe('orderStreamUrl', () => {
  it('when nothing was received yet, then the stream is opened without a resume point', () => {
    expect(orderStreamUrl('/api', 'o-1')).toBe('/api/order/o-1/stream');
  });

  it('when the stream is reopened after an event, then its id goes in the lastEventId parameter', () => {
    expect(orderStreamUrl('/api', 'o-1', '1700000000000-2')).toBe('/api/order/o-1/stream?lastEventId=1700000000000-2');
  });
});
