import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';

/**
 * GET /api/rounds/v1/openapi.json describes every Rounds API route, and real answers match it:
 * a client generated from the document must be able to read what the server sends.
 */

const DOC_ID = 'https://rounds.test/rounds-openapi.json';
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, unknown> };
};

/** JSON Pointer escaping for a path key (`/` → `~1`). */
const pointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

describe('the Rounds API OpenAPI document', () => {
  let env: TestEnv;
  let bob: Persona;
  let doc: Doc;
  let ajv: Ajv2020;
  const compiled = new Map<string, ValidateFunction>();

  /** The validator for the schema at `path` → `method` → (200/4xx answer | request body). */
  function validator(method: string, path: string, part: string): ValidateFunction {
    const key = `${method} ${path} ${part}`;
    let fn = compiled.get(key);
    if (!fn) {
      const where =
        part === 'body'
          ? `requestBody/content/${pointer('application/json')}/schema`
          : `responses/${part}/content/${pointer('application/json')}/schema`;
      fn = ajv.compile({ $ref: `${DOC_ID}#/paths/${pointer(path)}/${method}/${where}` });
      compiled.set(key, fn);
    }
    return fn;
  }

  function expectDocumented(method: string, path: string, status: number, body: unknown): void {
    const fn = validator(method, path, String(status));
    const ok = fn(body);
    expect(ok, `${method} ${path} ${status}: ${JSON.stringify(fn.errors, null, 1)}`).toBe(true);
  }

  beforeAll(async () => {
    env = await createTestEnv();
    bob = await createPersona(env, 'bob');
    const res = await call(env, 'GET', '/api/rounds/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    doc = res.body;
    // NOTE: strict off because OpenAPI documents carry keywords JSON Schema does not define
    // (the path items around the schemas); every schema is still checked against 2020-12.
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ ...doc, $id: DOC_ID });
  });

  it('is an OpenAPI 3.1 document for this server', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Rounds API', version: '1' });
    expect(doc.servers).toEqual([{ url: 'https://rounds.test' }]);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        expect(operationIds.has(op.operationId), op.operationId).toBe(false);
        operationIds.add(op.operationId);
        expect(op.responses['200'], `${method} ${path}`).toBeDefined();
        // Every path template variable is declared as a required path parameter, and nothing else is.
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = op.parameters.filter((p: { in: string }) => p.in === 'path');
        expect(declared.map((p: { name: string }) => p.name).sort()).toEqual(templated.sort());
        for (const p of declared) expect(p.required).toBe(true);
      }
    }
    // Every $ref points at a schema the document defines.
    for (const ref of collectRefs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    }
    // Every schema in it is valid JSON Schema 2020-12 (Ajv checks against the meta-schema).
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.compile({ $ref: `${DOC_ID}#/components/schemas/${name}` }), name).not.toThrow();
    }
  });

  it('documents every route the Rounds API serves', () => {
    const served = new Set(
      env.app.routes
        .filter((r) => r.path.startsWith('/api/rounds/') && r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it('describes the PHI check as it answers', async () => {
    const path = '/api/rounds/v1/phi/check';
    const body = { text: 'Pt Marguerite Okafor, MRN 4471-2290' };
    expect(validator('post', path, 'body')(body)).toBe(true);
    const found = await call(env, 'POST', path, { token: bob.token, body });
    expect(found.status).toBe(200);
    expect(found.body.spans.length).toBeGreaterThan(0);
    expectDocumented('post', path, 200, found.body);
    const clean = await call(env, 'POST', path, { token: bob.token, body: { text: 'DKA teaching' } });
    expectDocumented('post', path, 200, clean.body);
    const anonymous = await call(env, 'POST', path, { body });
    expect(anonymous.status).toBe(401);
    expectDocumented('post', path, 401, anonymous.body);
  });

  it('describes posting and editing with evidence, and the errors', async () => {
    const path = '/api/rounds/v1/statuses';
    const body = {
      status: 'Early tocilizumab: doi:10.1056/NEJMoa2034577',
      references: [{ pmid: 33301246 }, 'https://www.nice.org.uk/guidance/ng191'],
      evidence_level: 'rct',
      visibility: 'public',
    };
    expect(validator('post', path, 'body')(body)).toBe(true);
    const posted = await call(env, 'POST', path, { token: bob.token, body });
    expect(posted.status).toBe(200);
    expectDocumented('post', path, 200, posted.body);

    const scheduled = await call(env, 'POST', path, {
      token: bob.token,
      body: { ...body, scheduled_at: new Date(env.clock.now().getTime() + 3_600_000).toISOString() },
    });
    expect(scheduled.status).toBe(200);
    expectDocumented('post', path, 200, scheduled.body);

    const bad = { status: 'x', evidence_level: 'anecdote' };
    expect(validator('post', path, 'body')(bad)).toBe(false);
    const refused = await call(env, 'POST', path, { token: bob.token, body: bad });
    expect(refused.status).toBe(422);
    expectDocumented('post', path, 422, refused.body);

    const phi = await call(env, 'POST', path, {
      token: bob.token,
      body: { status: 'Pt Marguerite Okafor, MRN 4471-2290' },
    });
    expect(phi.status).toBe(422);
    expectDocumented('post', path, 422, phi.body);

    const editPath = '/api/rounds/v1/statuses/{id}';
    const editBody = { references: [], evidence_level: null };
    expect(validator('put', editPath, 'body')(editBody)).toBe(true);
    const edited = await call(env, 'PUT', `/api/rounds/v1/statuses/${posted.body.id}`, {
      token: bob.token,
      body: editBody,
    });
    expect(edited.status).toBe(200);
    expectDocumented('put', editPath, 200, edited.body);
    const missing = await call(env, 'PUT', '/api/rounds/v1/statuses/1', { token: bob.token, body: editBody });
    expect(missing.status).toBe(404);
    expectDocumented('put', editPath, 404, missing.body);
  });

  it('describes the paper page and its errors', async () => {
    const path = '/api/rounds/v1/papers/{doi}';
    const res = await call(
      env,
      'GET',
      `/api/rounds/v1/papers/${encodeURIComponent('10.1056/NEJMoa2034577')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.statuses.length).toBeGreaterThan(0);
    expectDocumented('get', path, 200, res.body);
    const refused = await call(env, 'GET', '/api/rounds/v1/papers/nonsense');
    expect(refused.status).toBe(422);
    expectDocumented('get', path, 422, refused.body);
    const limit = doc.paths[path]!.get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', maximum: 200 } });
  });

  it('describes itself', () => {
    expectDocumented('get', '/api/rounds/v1/openapi.json', 200, doc);
  });
});
