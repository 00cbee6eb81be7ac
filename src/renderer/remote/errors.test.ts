import { describe, expect, it } from 'vitest';
import { closeMessage, ConnectionLostError, isFatalClose, requestMessage } from './errors';

describe('closeMessage', () => {
  it('tells a wrong password from a missing one (obs-websocket close 4009)', () => {
    expect(closeMessage(4009, 'Authentication failed.', 'h:1')).toMatch(/^Wrong password/);
    expect(
      closeMessage(4009, "Your payload's data is missing an `authentication` string, however authentication is required.", 'h:1'),
    ).toMatch(/needs a password/);
  });

  it('says when wrong passwords got the device locked out for a while', () => {
    expect(
      closeMessage(4009, 'Authentication failed. Too many failed attempts from your address; try again in 8 s.', 'h:1'),
    ).toBe('The studio is locking this device out after several wrong passwords (Too many failed attempts from your address; try again in 8 s.)');
  });

  it('names the address when the studio cannot be reached', () => {
    expect(closeMessage(1006, '', '10.0.0.5:4455')).toBe(
      'Cannot reach the studio at 10.0.0.5:4455. Check the address and that the studio is running.',
    );
  });

  it('passes other obs-websocket close reasons through', () => {
    expect(closeMessage(4002, 'Unable to decode', 'h:1')).toBe('The studio closed the connection (4002: Unable to decode).');
  });

  it('spots a server that is not obs-websocket', () => {
    expect(closeMessage(-1, 'Server sent no subprotocol', 'h:1')).toMatch(/not an obs-websocket server/);
  });
});

describe('isFatalClose', () => {
  it('does not retry what only the person can fix', () => {
    expect([4009, 4010, 4011, 1008].every(isFatalClose)).toBe(true);
    expect([1000, 1001, 1006, 4002].some(isFatalClose)).toBe(false);
  });
});

describe('requestMessage', () => {
  it("uses the studio's comment", () => {
    const error = Object.assign(new Error('No source was found by the name of `Cam`'), { code: 600 });
    expect(requestMessage(error, 'Switching to Cam')).toBe('Switching to Cam failed: No source was found by the name of `Cam`.');
  });

  it('falls back to the code when there is no comment', () => {
    expect(requestMessage(Object.assign(new Error(''), { code: 702 }), 'Going live')).toBe('Going live failed (the studio answered 702).');
  });

  it('says when the connection went away under the request', () => {
    expect(requestMessage(new ConnectionLostError(), 'Going live')).toMatch(/connection to the studio was lost/);
  });
});
