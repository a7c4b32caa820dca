import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ADDRESSES } from '@fatafat/contracts/addresses';
import { clientAs, createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import type { HttpClient } from '../../test/http-client';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const home = {
  label: 'home',
  name: 'Asha Rao',
  phone: '98765 43210',
  line1: 'Flat 4B, Lotus Residency',
  line2: '12th Main, Indiranagar',
  landmark: 'Opposite the metro station',
  city: 'Bengaluru',
  state: 'Karnataka',
  pincode: '560038',
  lat: 12.9784,
  lng: 77.6408,
};

async function addAddress(
  c: HttpClient,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; isDefault: boolean }> {
  const res = await c.post('/api/address', { ...home, ...overrides });
  expect(res.status).toBe(201);
  return res.body.address;
}

const defaults = async (c: HttpClient) =>
  ((await c.get('/api/address')).body.addresses as Array<{ id: string; isDefault: boolean }>)
    .filter((a) => a.isDefault)
    .map((a) => a.id);

describe('addresses', () => {
  it('when the first address is added, then 201 and it becomes the default; later ones do not', async () => {
    const c = clientAs(t, await createUser(t));
    expect((await c.get('/api/address')).body).toEqual({ addresses: [] });
    const res = await c.post('/api/address', home);
    expect(res.status).toBe(201);
    expect(res.body.address).toMatchObject({
      ...home,
      phone: '9876543210',
      isDefault: true,
      id: expect.any(String),
    });
    const second = await addAddress(c, { label: 'work', line2: undefined, lat: undefined, lng: undefined });
    expect(second.isDefault).toBe(false);
    const list = (await c.get('/api/address')).body.addresses;
    expect(list).toHaveLength(2);
    expect(list[0].id).toBe(res.body.address.id);
    expect(list[1]).toMatchObject({ line2: null, landmark: home.landmark, lat: null, lng: null });
  });

  it('when a new address is added with isDefault, then the old default is cleared', async () => {
    const c = clientAs(t, await createUser(t));
    await addAddress(c);
    const b = await addAddress(c, { isDefault: true });
    expect(await defaults(c)).toEqual([b.id]);
  });

  it('when PUT sets isDefault or POST /default is used, then exactly one default remains', async () => {
    const c = clientAs(t, await createUser(t));
    const a = await addAddress(c);
    const b = await addAddress(c);
    const put = await c.put(`/api/address/${b.id}`, { isDefault: true });
    expect(put.status).toBe(200);
    expect(put.body.address.isDefault).toBe(true);
    expect(await defaults(c)).toEqual([b.id]);
    const post = await c.post(`/api/address/${a.id}/default`);
    expect(post.status).toBe(200);
    expect(await defaults(c)).toEqual([a.id]);
    // Setting the default again is harmless.
    expect((await c.post(`/api/address/${a.id}/default`)).status).toBe(200);
    expect(await defaults(c)).toEqual([a.id]);
  });

  it('when several default changes race, then the database still holds one default', async () => {
    const c = clientAs(t, await createUser(t));
    const ids = [(await addAddress(c)).id, (await addAddress(c)).id, (await addAddress(c)).id];
    const results = await Promise.all(
      ids.flatMap((id) => [
        c.post(`/api/address/${id}/default`),
        c.put(`/api/address/${id}`, { isDefault: true }),
      ]),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await defaults(c)).toHaveLength(1);
  });

  it('when PUT changes some fields, then only those change', async () => {
    const c = clientAs(t, await createUser(t));
    const a = await addAddress(c);
    const res = await c.put(`/api/address/${a.id}`, { line1: 'House 7', landmark: null, pincode: '110001' });
    expect(res.status).toBe(200);
    expect(res.body.address).toMatchObject({
      line1: 'House 7',
      landmark: null,
      pincode: '110001',
      city: 'Bengaluru',
      isDefault: true,
    });
  });

  it('when the default is deleted, then 204 and the newest remaining address becomes the default', async () => {
    const c = clientAs(t, await createUser(t));
    const a = await addAddress(c);
    await addAddress(c);
    const newest = await addAddress(c);
    expect((await c.delete(`/api/address/${a.id}`)).status).toBe(204);
    expect(await defaults(c)).toEqual([newest.id]);
    expect((await c.get('/api/address')).body.addresses).toHaveLength(2);
  });

  it("when another user's address id is used, then 404 and nothing is revealed or changed", async () => {
    const owner = clientAs(t, await createUser(t));
    const a = await addAddress(owner);
    const other = clientAs(t, await createUser(t));
    for (const res of [
      await other.put(`/api/address/${a.id}`, { line1: 'Hijacked' }),
      await other.post(`/api/address/${a.id}/default`),
      await other.delete(`/api/address/${a.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(home.line1);
    }
    expect((await other.get('/api/address')).body.addresses).toEqual([]);
    expect((await owner.get('/api/address')).body.addresses[0].line1).toBe(home.line1);
    expect((await owner.put(`/api/address/${randomUUID()}`, { line1: 'x' })).status).toBe(404);
  });

  it('when the body is invalid, then 400 with per-field details', async () => {
    const c = clientAs(t, await createUser(t));
    const res = await c.post('/api/address', { ...home, label: 'castle', pincode: '12345', phone: '123' });
    expect(res.status).toBe(400);
    const paths = (res.body.error.details.issues as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.label', 'body.pincode', 'body.phone']));
    expect((await c.post('/api/address', { ...home, userId: randomUUID() })).status).toBe(400);
    expect((await c.post('/api/address', { ...home, lng: undefined })).status).toBe(400);
    const a = await addAddress(c);
    expect((await c.put(`/api/address/${a.id}`, {})).status).toBe(400);
    expect((await c.put('/api/address/not-a-uuid', { line1: 'x' })).status).toBe(400);
  });

  it('when not logged in, then 401 on every route', async () => {
    const c = t.client();
    const id = randomUUID();
    for (const res of [
      await c.get('/api/address'),
      await c.post('/api/address', home),
      await c.put(`/api/address/${id}`, { line1: 'x' }),
      await c.post(`/api/address/${id}/default`),
      await c.delete(`/api/address/${id}`),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it(`when a user already has ${MAX_ADDRESSES} addresses, then adding another is 409`, async () => {
    const c = clientAs(t, await createUser(t));
    for (let i = 0; i < MAX_ADDRESSES; i += 1) await addAddress(c);
    const res = await c.post('/api/address', home);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('limit_reached');
  });
});
