/** EC2 query-protocol envelopes: `<ActionResponse xmlns=…><requestId>` and `<Response><Errors>`. */
import type { ApiError } from '../protocol/errors';
import { el, renderDocument, type XmlNode } from '../protocol/xml';
import type { ServiceAnswer } from '../service';

export const EC2_API_VERSION = '2016-11-15';
export const EC2_NAMESPACE = `http://ec2.amazonaws.com/doc/${EC2_API_VERSION}/`;

export function ec2Document(action: string, requestId: string, children: XmlNode[]): string {
  return renderDocument(`${action}Response`, EC2_NAMESPACE, [el('requestId', requestId), ...children]);
}

export function ec2ErrorAnswer(error: ApiError, requestId: string): ServiceAnswer {
  const body = renderDocument('Response', null, [
    el('Errors', [el('Error', [el('Code', error.code), el('Message', error.message)])]),
    el('RequestID', requestId),
  ]);
  return { status: error.status, body };
}
