/**
 * Unpredictable identifiers for things issued at run time (session keys, tokens, codes).
 * The seeded world stays deterministic; what clients are handed while it runs must not be
 * guessable, since the emulator may serve a demo on a shared machine.
 */
import { randomBytes, randomInt } from 'node:crypto';

export function randomChars(length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function randomBase64Url(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function randomBase64(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}

export const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
