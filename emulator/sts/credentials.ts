/** The <Credentials> element AssumeRole and GetSessionToken answer with. */
import type { SessionRecord } from '../identity/sessions';
import { el, type XmlNode } from '../protocol/xml';

/** ISO 8601 in whole seconds, as STS writes expirations. */
export function stsTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function credentialsNode(session: SessionRecord): XmlNode {
  return el('Credentials', [
    el('AccessKeyId', session.accessKeyId),
    el('SecretAccessKey', session.secretAccessKey),
    el('SessionToken', session.sessionToken),
    el('Expiration', stsTimestamp(session.expiresAtMs)),
  ]);
}
