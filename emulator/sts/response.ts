/** STS (awsQuery) envelopes: `<ActionResponse><ActionResult>…` and `<ErrorResponse>`. */
import type { ApiError } from '../protocol/errors';
import { el, renderDocument, type XmlNode } from '../protocol/xml';
import type { ServiceAnswer } from '../service';

export const STS_API_VERSION = '2011-06-15';
export const STS_NAMESPACE = `https://sts.amazonaws.com/doc/${STS_API_VERSION}/`;

export function stsDocument(action: string, requestId: string, result: XmlNode[]): string {
  return renderDocument(`${action}Response`, STS_NAMESPACE, [
    el(`${action}Result`, result),
    el('ResponseMetadata', [el('RequestId', requestId)]),
  ]);
}

export function stsErrorAnswer(error: ApiError, requestId: string): ServiceAnswer {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body = renderDocument('ErrorResponse', STS_NAMESPACE, [
    el('Error', [el('Type', type), el('Code', error.code), el('Message', error.message)]),
    el('RequestId', requestId),
  ]);
  return { status: error.status, body };
}
