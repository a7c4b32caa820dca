/** Test helpers for accounts: real registrations and logins over HTTP, and reading the dev outbox. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { OutboxMessage } from '../../lib/mail/mail.driver';
import type { HttpClient } from '../../test/http-client';
import type { TestApp } from '../../test/harness';

export const uniqueEmail = (prefix = 'shopper') => `${prefix}-${randomBytes(5).toString('hex')}@example.com`;

/** A random valid Indian mobile number (10 digits, starting 6-9). */
export const uniqueMobile = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;

export async function registerViaApi(
  t: TestApp,
  overrides: { name?: string; email?: string; password?: string } = {},
): Promise<{ client: HttpClient; id: string; email: string; password: string }> {
  const client = t.client();
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? 'a-good-long-password';
  const res = await client.post('/api/user/register', {
    name: overrides.name ?? 'Asha Rao',
    email,
    password,
  });
  expect(res.status).toBe(201);
  return { client, id: res.body.user.id as string, email, password };
}

export async function loginViaApi(t: TestApp, email: string, password: string): Promise<HttpClient> {
  const client = t.client();
  const res = await client.post('/api/user/login', { email, password });
  expect(res.status).toBe(200);
  return client;
}

/** Waits for a message to `to` in the outbox (some mail is sent in the background). */
export async function waitForMessage(
  t: TestApp,
  to: string,
  match: (m: OutboxMessage) => boolean = () => true,
): Promise<OutboxMessage> {
  for (let i = 0; i < 50; i += 1) {
    const found = (await t.deps.outbox.list({ to })).find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no outbox message to ${to}`);
}

/** The token of a `?token=` link in a mail's text part. */
export function tokenFromMail(message: OutboxMessage): string {
  const m = /[?&]token=([^\s&]+)/.exec(message.text);
  if (!m?.[1]) throw new Error('no token link in mail');
  return decodeURIComponent(m[1]);
}

export function codeFromSms(message: OutboxMessage): string {
  const m = /\b(\d{6})\b/.exec(message.text);
  if (!m?.[1]) throw new Error('no code in sms');
  return m[1];
}

/** Bcrypt hashes start with $2a$/$2b$; none may ever leave the server. */
export function expectNoHash(text: string): void {
  expect(text).not.toMatch(/\$2[aby]\$\d\d\$/);
  expect(text).not.toContain('passwordHash');
  expect(text).not.toContain('password_hash');
}
