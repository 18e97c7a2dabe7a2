/**
 * Parameters of the AWS query protocols (EC2 query and awsQuery): a flat map of form fields,
 * with lists spelled `Name.1`, `Name.2` (EC2) or `Name.member.1` (awsQuery) and filters as
 * `Filter.1.Name` / `Filter.1.Value.1`. Values may also arrive in the URL's query string.
 */
import { invalidParameterValue, missingParameter } from './errors';

/** More fields than any real call needs; a guard against abuse, not a limit AWS documents. */
const MAX_FIELDS = 5_000;

export interface QueryFilter {
  name: string;
  values: string[];
}

export class QueryParams {
  private constructor(private readonly fields: Map<string, string>) {}

  /** Form body fields win over query-string fields of the same name. */
  static parse(search: URLSearchParams, formBody: string | null): QueryParams {
    const fields = new Map<string, string>();
    const add = (params: URLSearchParams): void => {
      for (const [key, value] of params) {
        if (fields.size >= MAX_FIELDS) throw invalidParameterValue('Too many request parameters');
        fields.set(key, value);
      }
    };
    add(search);
    if (formBody) add(new URLSearchParams(formBody));
    return new QueryParams(fields);
  }

  get size(): number {
    return this.fields.size;
  }

  /** All fields, sorted by name (so two spellings of the same call compare equal). */
  entries(): Array<[string, string]> {
    return [...this.fields.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  string(name: string): string | undefined {
    return this.fields.get(name);
  }

  required(name: string): string {
    const value = this.fields.get(name);
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  }

  bool(name: string): boolean | undefined {
    const value = this.fields.get(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expected: 'true' or 'false'.`);
  }

  int(name: string): number | undefined {
    const value = this.fields.get(name);
    if (value === undefined) return undefined;
    if (!/^-?\d{1,10}$/.test(value)) {
      throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expected an integer.`);
    }
    return Number(value);
  }

  /** `Name.1, Name.2, …` (or `Name.member.N`) in index order. */
  list(name: string): string[] {
    return this.indexed(new RegExp(`^${escapeRegExp(name)}\\.(?:member\\.)?(\\d+)$`)).map(([, v]) => v);
  }

  filters(): QueryFilter[] {
    const names = this.indexed(/^Filter\.(?:member\.)?(\d+)\.Name$/);
    return names.map(([index, name]) => ({
      name,
      values: this.indexed(new RegExp(`^Filter\\.(?:member\\.)?${index}\\.Value\\.(?:member\\.)?(\\d+)$`)).map(
        ([, v]) => v,
      ),
    }));
  }

  private indexed(pattern: RegExp): Array<[number, string]> {
    const out: Array<[number, string]> = [];
    for (const [key, value] of this.fields) {
      const match = pattern.exec(key);
      if (match?.[1] !== undefined) out.push([Number(match[1]), value]);
    }
    return out.sort((a, b) => a[0] - b[0]);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
