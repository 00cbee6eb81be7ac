import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createAccess, readCookie } from './access';

const request = (cookie?: string): IncomingMessage => ({ headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;

describe('server mode access', () => {
  it("admits exactly this run's token, and grants a per-port HttpOnly SameSite=Strict cookie", () => {
    const access = createAccess(8420);
    expect(access.token).toMatch(/^[\w-]{43}$/);
    expect(access.redeem(new URLSearchParams({ token: access.token }))).toBe(true);
    // One character different (never the same one: a token may end in any of them).
    const last = access.token.at(-1) === 'A' ? 'B' : 'A';
    expect(access.redeem(new URLSearchParams({ token: `${access.token.slice(0, -1)}${last}` }))).toBe(false);
    expect(access.redeem(new URLSearchParams({ token: '' }))).toBe(false);
    expect(access.redeem(new URLSearchParams())).toBe(false);
    expect(access.cookie()).toBe(`studio-8420=${access.token}; Path=/; HttpOnly; SameSite=Strict`);
    expect(access.allows(request(`other=1; studio-8420=${access.token}`))).toBe(true);
    expect(access.allows(request(`studio-8421=${access.token}`))).toBe(false);
    expect(access.allows(request('studio-8420=nope'))).toBe(false);
    expect(access.allows(request())).toBe(false);
  });

  it('makes a new secret every run: a cookie from before a restart is refused', () => {
    const before = createAccess(8420);
    const after = createAccess(8420);
    expect(after.token).not.toBe(before.token);
    expect(after.allows(request(`studio-8420=${before.token}`))).toBe(false);
  });

  it('a launch ticket works once, and not after it expired', () => {
    let now = 0;
    const access = createAccess(1, () => now);
    const ticket = access.ticket();
    expect(ticket).not.toBe(access.token);
    expect(access.redeem(new URLSearchParams({ ticket }))).toBe(true);
    expect(access.redeem(new URLSearchParams({ ticket }))).toBe(false);
    const late = access.ticket();
    now += 60_001;
    expect(access.redeem(new URLSearchParams({ ticket: late }))).toBe(false);
    expect(access.redeem(new URLSearchParams({ ticket: 'made-up' }))).toBe(false);
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(readCookie('a=1; b = 2 ;c=x=y', 'b')).toBe('2');
    expect(readCookie('a=1; c=x=y', 'c')).toBe('x=y');
    expect(readCookie('a=1', 'b')).toBeNull();
    expect(readCookie(undefined, 'a')).toBeNull();
  });
});
