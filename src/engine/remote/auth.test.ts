import { describe, expect, it } from 'vitest';
import { authenticationString, deriveSecret, verify } from './auth';

describe('authentication', () => {
  it('follows the spec recipe, and a proof is bound to its challenge and salt', () => {
    // The spec's example Hello values; the expected proof was computed separately from the recipe
    // b64(sha256(b64(sha256(password + salt)) + challenge)).
    const auth = deriveSecret('supersecretpassword', 'lM1GncleQOaCu9lT1yeUZhFYnqhsLLP1G5lAGo3ixaI=');
    const challenge = '+IxH4CnCiqpX1rM9scsNynZzbOe4KhDeYcTNS3PDaeY=';
    const proof = authenticationString(auth.secret, challenge);
    expect(proof).toBe('1Ct943GAT+6YQUUX47Ia/ncufilbe6+oD6lY+5kaCu4=');
    expect(verify(auth, challenge, proof)).toBe(true);
    expect(verify(auth, challenge, proof.slice(1))).toBe(false);
    expect(verify(auth, 'another challenge', proof)).toBe(false);
    expect(verify(deriveSecret('supersecretpassword'), challenge, proof)).toBe(false);
  });
});
