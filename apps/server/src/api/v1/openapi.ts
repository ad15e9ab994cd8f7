import {
  zId,
  zPageParams,
  zPaperPage,
  zRoundsCreateStatusParams,
  zRoundsEditStatusParams,
  zRoundsStatus,
} from '@rounds/contract';
import { z } from 'zod';
import type { MastodonApp } from '../../mastodon/env.ts';
import { CASE_OPERATIONS } from './cases-openapi.ts';
import { CREDENTIAL_OPERATIONS } from './credentials-openapi.ts';
import { FEED_OPERATIONS } from './feeds-openapi.ts';
import { LEARNING_RECORD_OPERATIONS } from './learning-record-openapi.ts';
import { PAPER_PATH } from './papers.ts';
import { PERSONA_OPERATIONS } from './personas-openapi.ts';
import { zPhiCheckParams, zPhiCheckResult } from './phi.ts';
import { QUIZ_OPERATIONS } from './quizzes-openapi.ts';
import { TRUST_OPERATIONS } from './trust-openapi.ts';
import { TWEETORIAL_OPERATIONS } from './tweetorials-openapi.ts';

/**
 * The Rounds API's OpenAPI 3.1 document, generated from the zod schemas the routes validate with
 * (requests, as clients may send them) and answer with (responses). Mastodon entities the Rounds
 * API returns are described by the attributes Rounds adds or relies on, and point to Mastodon's
 * documentation for the rest.
 * NOTE: every /api/rounds/v1 route must appear in OPERATIONS: test/evidence-openapi.test.ts
 * compares this list with the routes the app serves, and validates real responses against it.
 */

type Schema = Record<string, unknown>;

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{name}` for path parameters. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  /** `required`: a user token with `scope`; `optional`: anonymous, or a token with `scope`. */
  auth: { kind: 'required' | 'optional'; scope: string } | null;
  pathParams?: Record<string, { schema: z.ZodType; description: string }>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The 200 answer. */
  response: z.ZodType;
  responseDescription: string;
  /** Paged with a Link header (rel="next" and rel="prev"), as the Mastodon list endpoints. */
  paged?: boolean;
  /** Also answers `text/csv` (chosen by a `format=csv` query parameter); says what the columns are. */
  csv?: string;
  /** The 4xx statuses this operation answers besides the auth ones. */
  errors: number[];
}

/** Mastodon's ScheduledStatus entity, which POST /statuses answers when `scheduled_at` is given. */
const zScheduledStatus = z
  .looseObject({ id: z.string(), scheduled_at: z.string(), params: z.looseObject({}) })
  .meta({
    id: 'ScheduledStatus',
    description:
      "Mastodon's ScheduledStatus entity (https://docs.joinmastodon.org/entities/ScheduledStatus/)",
  });

/** The Rounds API's error shape (mastodon/errors.ts). */
const zRoundsError = z
  .object({
    error: z.object({
      code: z.string().meta({
        description:
          'Stable: not_found, validation_failed, phi_detected, unauthorized, forbidden, conflict, rate_limited, payload_too_large',
      }),
      message: z
        .string()
        .meta({ description: 'For people; a validation error starts with the field it names' }),
      details: z.looseObject({}).meta({
        description: '`field` for a validation error; `spans` and `redacted` when PHI was detected',
      }),
    }),
  })
  .meta({ id: 'Error' });

const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/rounds/v1/phi/check',
    operationId: 'checkPhi',
    summary: 'Check text for patient identifiers',
    description:
      "The composer's as-you-type check: the spans the PHI guard would refuse, and the suggested redaction. Stores nothing.",
    tags: ['phi'],
    auth: { kind: 'required', scope: 'write:statuses' },
    body: zPhiCheckParams,
    response: zPhiCheckResult,
    responseDescription: 'The spans found (none: an empty list)',
    errors: [422, 429],
  },
  {
    method: 'post',
    path: '/api/rounds/v1/statuses',
    operationId: 'createStatus',
    summary: 'Post a status with a PHI decision and evidence',
    description:
      "Mastodon's POST /api/v1/statuses parameters, plus `phi` (the author's answer when the PHI guard finds identifiers), " +
      '`references` (attached DOIs, PubMed ids or URLs; those in the text are recognised anyway) and `evidence_level`. ' +
      'Answers the Status entity, or a ScheduledStatus when `scheduled_at` is given.',
    tags: ['statuses'],
    auth: { kind: 'required', scope: 'write:statuses' },
    body: zRoundsCreateStatusParams,
    response: z.union([zRoundsStatus, zScheduledStatus]),
    responseDescription: 'The posted status (or the scheduled one)',
    errors: [404, 422, 429],
  },
  {
    method: 'put',
    path: '/api/rounds/v1/statuses/{id}',
    operationId: 'editStatus',
    summary: 'Edit a status, with a PHI decision and evidence',
    description:
      "Mastodon's PUT /api/v1/statuses/{id} parameters, plus `phi`, `references` (replaces the attached ones; absent keeps them) " +
      'and `evidence_level` (null removes it; absent keeps it). References in the new text are recognised again.',
    tags: ['statuses'],
    auth: { kind: 'required', scope: 'write:statuses' },
    pathParams: { id: { schema: zId, description: "The status's id" } },
    body: zRoundsEditStatusParams,
    response: zRoundsStatus,
    responseDescription: 'The edited status',
    errors: [404, 422],
  },
  {
    method: 'get',
    path: PAPER_PATH,
    operationId: 'getPaper',
    summary: 'The paper page: statuses citing a DOI',
    description:
      'Every status the caller may see that cites the DOI, newest first, paged like the Mastodon list endpoints ' +
      '(`max_id`, `since_id`, `min_id`, `limit`; Link header), with the count and citations per day and week.',
    tags: ['papers'],
    auth: { kind: 'optional', scope: 'read:statuses' },
    pathParams: {
      doi: {
        schema: z.string(),
        description:
          'The DOI, URL-encoded (10.1056%2Fnejmoa2034577); `doi:…` and doi.org links are accepted, any case',
      },
    },
    query: zPageParams,
    response: zPaperPage,
    responseDescription: 'The paper page',
    paged: true,
    errors: [422],
  },
  {
    method: 'get',
    path: '/api/rounds/v1/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This document',
    description: 'The OpenAPI 3.1 description of the Rounds API, generated from the schemas the routes use.',
    tags: ['meta'],
    auth: null,
    response: z.looseObject({ openapi: z.string() }),
    responseDescription: 'An OpenAPI 3.1 document',
    errors: [],
  },
  ...CREDENTIAL_OPERATIONS,
  ...CASE_OPERATIONS,
  ...LEARNING_RECORD_OPERATIONS,
  ...FEED_OPERATIONS,
  ...QUIZ_OPERATIONS,
  ...TWEETORIAL_OPERATIONS,
  ...TRUST_OPERATIONS,
  ...PERSONA_OPERATIONS,
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  401: 'No valid user token',
  403: 'The token lacks the scope, or the caller may not do this (the message says why and what to do)',
  404: 'Not found, or not visible to the caller (the same answer)',
  409: 'In conflict with the current state (the message says what to do instead)',
  422: 'Invalid input (the message names the field), or patient identifiers detected (`phi_detected`)',
  429: 'Rate limited (see Retry-After)',
};

/** Collects the named schemas of every conversion under components.schemas. */
class Components {
  readonly schemas: Record<string, Schema> = {};

  /** `schema` as JSON Schema 2020-12, its named parts moved to components and referenced. */
  convert(schema: z.ZodType, io: 'input' | 'output'): Schema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      // Named schemas (`.meta({ id })`) land in $defs; they move to components below.
      reused: 'inline',
    }) as Schema;
    const { $schema: _, $defs, ...rest } = json;
    for (const [name, def] of Object.entries(($defs as Record<string, Schema> | undefined) ?? {})) {
      const moved = this.relink(def) as Schema;
      const known = this.schemas[name];
      if (known && JSON.stringify(known) !== JSON.stringify(moved)) {
        throw new Error(`OpenAPI: two different schemas are named ${name}`);
      }
      this.schemas[name] = moved;
    }
    return this.relink(rest) as Schema;
  }

  private relink(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.relink(n));
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string'
          ? v.replace('#/$defs/', '#/components/schemas/')
          : this.relink(v),
      ]),
    );
  }
}

function security(op: Operation): Array<Record<string, string[]>> {
  if (!op.auth) return [];
  return op.auth.kind === 'required' ? [{ bearer: [op.auth.scope] }] : [{}, { bearer: [op.auth.scope] }];
}

function parameters(op: Operation, components: Components): Schema[] {
  const out: Schema[] = [];
  for (const [name, p] of Object.entries(op.pathParams ?? {})) {
    out.push({
      name,
      in: 'path',
      required: true,
      description: p.description,
      schema: components.convert(p.schema, 'input'),
    });
  }
  for (const [name, field] of Object.entries(op.query?.shape ?? {})) {
    out.push({
      name,
      in: 'query',
      required: !(field as z.ZodType).safeParse(undefined).success,
      schema: components.convert(field as z.ZodType, 'input'),
    });
  }
  return out;
}

function responses(op: Operation, components: Components): Schema {
  const out: Schema = {
    '200': {
      description: op.responseDescription,
      ...(op.paged
        ? {
            headers: {
              Link: {
                description: 'rel="next" (older, max_id) and rel="prev" (newer, min_id) pages',
                schema: { type: 'string' },
              },
            },
          }
        : {}),
      content: {
        'application/json': { schema: components.convert(op.response, 'output') },
        ...(op.csv ? { 'text/csv': { schema: { type: 'string', description: op.csv } } } : {}),
      },
    },
  };
  const statuses = [...(op.auth?.kind === 'required' ? [401, 403] : []), ...op.errors];
  for (const status of statuses.sort((a, b) => a - b)) {
    out[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return out;
}

function buildDocument(): Schema {
  const components = new Components();
  components.convert(zRoundsError, 'output');
  const paths: Record<string, Record<string, Schema>> = {};
  for (const op of OPERATIONS) {
    const item = paths[op.path] ?? {};
    item[op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      description: op.description,
      tags: op.tags,
      security: security(op),
      parameters: parameters(op, components),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              description:
                'JSON, form-encoded (Rails-style keys: `references[0][doi]=…` or `references[]=doi:…`) or multipart',
              content: Object.fromEntries(
                ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'].map((t) => [
                  t,
                  { schema: components.convert(op.body!, 'input') },
                ]),
              ),
            },
          }
        : {}),
      responses: responses(op, components),
    };
    paths[op.path] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rounds API',
      version: '1',
      description:
        "Rounds' own API, for what the Mastodon client API has no shape for. Everything else is the Mastodon " +
        'client API (https://docs.joinmastodon.org/client/intro/), served at the same paths. Statuses carry the ' +
        '`rounds` extension (references, evidence level) in both. Errors: `{"error": {"code", "message", "details"}}`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [
      { name: 'phi', description: 'The PHI guard' },
      { name: 'statuses', description: 'Posting with a PHI decision and evidence' },
      { name: 'papers', description: 'Evidence on posts: the paper page and altmetrics' },
      { name: 'credentials', description: 'Verified credentials: submitting and answering' },
      { name: 'verification', description: 'The verifiers’ queue and decisions' },
      { name: 'quizzes', description: 'Quizzes on statuses: attempts and item analysis' },
      { name: 'cases', description: 'Clinical cases: presentation, reveal, outcome, accepted answer' },
      { name: 'tweetorials', description: 'Tweetorials: numbered teaching threads, versions, completions' },
      { name: 'disclosures', description: 'Competing interests declared on the profile' },
      { name: 'corrections', description: 'Peer correction notes: written and rated by verified members' },
      { name: 'labels', description: 'Moderator labels on posts' },
      { name: 'feeds', description: 'Merit-ranked topic feeds, each item with its reasons' },
      { name: 'personas', description: 'One sign-in, a professional and a personal account' },
      {
        name: 'learning record',
        description: 'The learner’s portfolio: entries, export, certificate summary',
      },
      { name: 'meta', description: 'This document' },
    ],
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An OAuth 2 access token from /oauth/token (Mastodon scopes: read, write, …)',
        },
      },
    },
  };
}

let document: Schema | null = null;

/** The document (built once per process: it depends only on the code). */
export function openApiDocument(): Schema {
  document ??= buildDocument();
  return document;
}

/** The documented operations' method and path, for the test that compares them with the app's routes. */
export function documentedOperations(): Array<{ method: string; path: string }> {
  return OPERATIONS.map((op) => ({ method: op.method.toUpperCase(), path: op.path }));
}

/** GET /api/rounds/v1/openapi.json. */
export function registerOpenApi(app: MastodonApp): void {
  app.get('/api/rounds/v1/openapi.json', (c) => {
    const config = c.get('ctx').config;
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ ...openApiDocument(), servers: [{ url: config.publicUrl }] });
  });
}
