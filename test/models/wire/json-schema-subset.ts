/**
 * A small JSON-schema validator for the subset of keywords the OpenAI OpenAPI spec uses in its
 * chat-completions request schemas: $ref (to `#/components/schemas/…`), allOf, anyOf, oneOf, type
 * (with `null` and OpenAPI's `nullable`), enum, properties, required, additionalProperties, items,
 * minItems, maxItems, minimum, maximum, maxLength and format `uri`. Chosen over a dependency (ajv)
 * because the subset is short and the spec is OpenAPI 3.1 with 3.0 leftovers (`nullable`) that a strict
 * validator rejects; any keyword outside the subset is reported, so the validator never passes by ignoring.
 */

export type Schema = Record<string, unknown>;
export type SchemaTable = Record<string, Schema>;

const known = new Set(['$ref', 'allOf', 'anyOf', 'oneOf', 'type', 'nullable', 'enum', 'properties', 'required', 'additionalProperties',
  'items', 'minItems', 'maxItems', 'minimum', 'maximum', 'maxLength', 'format', 'discriminator', 'prefixItems', 'const', 'pattern', 'minLength']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

/**
 * The errors of `value` against `schema`, as `path: message` lines; empty when valid.
 * @example validate({ type: 'string' }, 3, {}) // ['$: expected string, got integer']
 */
export function validate(schema: Schema, value: unknown, table: SchemaTable, path = '$'): string[] {
  for (const key of Object.keys(schema)) if (!known.has(key)) return [`${path}: schema keyword "${key}" is not supported by the test validator`];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    const target = table[name];
    return target ? validate(target, value, table, path) : [`${path}: unresolved $ref ${schema.$ref}`];
  }
  if (value === null && schema.nullable === true) return [];
  const errors: string[] = [];
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf as Schema[]) errors.push(...validate(part, value, table, path));
  if (Array.isArray(schema.anyOf)) {
    const results = (schema.anyOf as Schema[]).map((part) => validate(part, value, table, path));
    if (!results.some((result) => result.length === 0)) errors.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`);
  }
  if (Array.isArray(schema.oneOf)) {
    const results = (schema.oneOf as Schema[]).map((part) => validate(part, value, table, path));
    const matches = results.filter((result) => result.length === 0).length;
    if (matches !== 1) errors.push(`${path}: matches ${matches} of oneOf, expected exactly 1 (${results.map((r) => r[0] ?? 'ok').join(' | ')})`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => typeMatches(type, value))) return [...errors, `${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.const !== undefined && schema.const !== value) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: ${value} > maximum ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.format === 'uri' && !/^[a-z][a-z0-9+.-]*:/i.test(value)) errors.push(`${path}: not a URI`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === 'object') value.forEach((item, index) => errors.push(...validate(schema.items as Schema, item, table, `${path}[${index}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in object)) errors.push(`${path}: missing required "${name}"`);
    for (const [name, item] of Object.entries(object)) {
      const property = properties[name];
      if (property) errors.push(...validate(property, item, table, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${name}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...validate(schema.additionalProperties as Schema, item, table, `${path}.${name}`));
      }
    }
  }
  return errors;
}
