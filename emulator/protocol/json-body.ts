/** A JSON request body read as an object, each service saying in its own words what is wrong. */
export function parseJsonObject(body: Buffer, invalid: (problem: 'syntax' | 'not-an-object') => Error): Readonly<Record<string, unknown>> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('syntax');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid('not-an-object');
  return parsed as Readonly<Record<string, unknown>>;
}
