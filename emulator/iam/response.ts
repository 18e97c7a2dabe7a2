/** IAM (awsQuery) envelopes: the STS shapes under IAM's namespace. */
import type { ApiError } from '../protocol/errors';
import { el, renderDocument, type XmlNode } from '../protocol/xml';
import type { ServiceAnswer } from '../service';

export const IAM_API_VERSION = '2010-05-08';
export const IAM_NAMESPACE = `https://iam.amazonaws.com/doc/${IAM_API_VERSION}/`;

export function iamDocument(action: string, requestId: string, result: XmlNode[]): string {
  return renderDocument(`${action}Response`, IAM_NAMESPACE, [
    el(`${action}Result`, result),
    el('ResponseMetadata', [el('RequestId', requestId)]),
  ]);
}

export function iamErrorAnswer(error: ApiError, requestId: string): ServiceAnswer {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body = renderDocument('ErrorResponse', IAM_NAMESPACE, [
    el('Error', [el('Type', type), el('Code', error.code), el('Message', error.message)]),
    el('RequestId', requestId),
  ]);
  return { status: error.status, body };
}
