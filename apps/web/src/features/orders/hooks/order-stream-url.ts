/**
 * The address of an order's live stream. `lastEventId` is the id of the last order event received: a new
 * EventSource cannot send the Last-Event-ID header (only the browser's own reconnect does), so it goes in
 * the query, and the server sends the order at once only if it changed since.
 */
export function orderStreamUrl(apiBase: string, orderId: string, lastEventId?: string): string {
  const url = `${apiBase}/order/${encodeURIComponent(orderId)}/stream`;
  return lastEventId ? `${url}?lastEventId=${encodeURIComponent(lastEventId)}` : url;
}
