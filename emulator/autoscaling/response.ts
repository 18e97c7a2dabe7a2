/** Auto Scaling (awsQuery) envelopes: `<ActionResponse><ActionResult>…` and `<ErrorResponse>`, lists as `<member>`. */
import { ApiError } from '../protocol/errors';
import { el, renderDocument, type XmlNode, type XmlValue } from '../protocol/xml';
import type { ServiceAnswer } from '../service';

export const AUTOSCALING_API_VERSION = '2011-01-01';
export const AUTOSCALING_NAMESPACE = `http://autoscaling.amazonaws.com/doc/${AUTOSCALING_API_VERSION}/`;

export function autoScalingDocument(action: string, requestId: string, result: XmlNode[]): string {
  return renderDocument(`${action}Response`, AUTOSCALING_NAMESPACE, [
    el(`${action}Result`, result),
    el('ResponseMetadata', [el('RequestId', requestId)]),
  ]);
}

/** `<name><member>…</member>…</name>`: scalars or structures. */
export function memberList(name: string, members: ReadonlyArray<XmlNode[] | string>): XmlNode {
  return el(
    name,
    members.map((m): XmlNode => el('member', m as XmlValue)),
  );
}

export function autoScalingErrorAnswer(error: ApiError, requestId: string): ServiceAnswer {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body = renderDocument('ErrorResponse', AUTOSCALING_NAMESPACE, [
    el('Error', [el('Type', type), el('Code', error.code), el('Message', error.message)]),
    el('RequestId', requestId),
  ]);
  return { status: error.status, body };
}

/** Auto Scaling's wording for a member outside its constraints. */
export function validationError(member: string, value: string, constraint: string): ApiError {
  return new ApiError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

export const invalidNextToken = (): ApiError => new ApiError('InvalidNextToken', 'The token provided is not valid for this request.');
