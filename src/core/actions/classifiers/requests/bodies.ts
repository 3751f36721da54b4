import { urlPathVerb } from '../generic/intent.js';
import { batchDeletes, bodyFields, safeguardSwitchedOff } from './settings.js';

// An HTTP request says it destroys by its method (DELETE), by a path that names destruction, or by what its body
// asks of the service: Solr's `<delete><query>*:*</query></delete>`, Elasticsearch's `_delete_by_query` or a
// `_bulk` of deletes, a cluster setting that lifts `action.destructive_requires_name`, index lifecycle stopped.
// A read (GET, `_search`, `_cat`) and a write that adds or changes data say none of it.

/** What one request is, as a client on the command line sends it. */
export interface HttpRequest {
  method: string | undefined;
  url: string | undefined;
  /** The body text (data options, form items, stdin), joined; '' when none. */
  body: string;
  /** Header lines (`X-HTTP-Method-Override: DELETE`). */
  headers: readonly string[];
}

/** Paths of data stores whose writes delete in bulk or flush. */
const DATA_STORE_PATH = /_delete_by_query|\/_all\b|\/_flush|flushall|\/drop\b/i;
/** A path segment whose name starts with a deletion fused to its object (etcd `/v3/kv/deleterange`). */
const FUSED_PATH_VERB = /\/(?:delete|remove|drop|purge|destroy|wipe|truncate)[a-z]+(?=[/?#]|$)/i;
/** Safeguards switched off by a write: lifecycle stopped (retention and rollover with it). */
const SAFEGUARD_PATH = /\/_(?:ilm|slm)\/stop\b/i;
/** A cluster setting that lets a wildcard or `_all` delete every index. */
const REQUIRES_NAME_OFF = /destructive_requires_name["']?\s*[:=]\s*["']?(?:false|0)\b/i;
/** Solr update commands that delete: `<delete>…</delete>` in XML, `"delete":` in JSON (httpie `delete:=`), `stream.body=<delete>`. */
const SOLR_DELETE =
  /<delete\b|["']delete["']\s*:|(?:^|\s)delete:=|stream\.body=[^&]*%3Cdelete|stream\.body=<delete/i;
/**
 * A write to a path that names a deletion as a noun or an archive (HubSpot `…/batch/archive`, Mixpanel
 * `/data-deletions/`, a GDPR `…/erasures`): the service deletes what the body lists.
 */
const DELETION_NOUN_PATH = /\/(?:[a-z]+[-_])*(?:deletions?|removals?|erasures?|purges?|archive)(?=[/?#]|$)/i;
/** Keys of a body field that say what the request asks the service to do (`"op"`, `"regulation_type"`). */
const ACTION_KEY = /(?:^|[._])(?:op|operation|action|type|kind|command|cmd|mode)$/i;
/** Words in such a field's value that ask for destruction (`Suppress_With_Delete`, `factory_reset`). */
const DESTROYING_VALUE =
  /(?:^|[^a-z])(?:delete|deletion|destroy|purge|wipe|erase|erasure|drop|truncate|remove|factory[-_ ]?reset)(?:[^a-z]|$)/i;

/** The body field that asks for destruction (`"op":"factory_reset"`), as `key=value`; undefined when none. */
export function destroyingField(body: string): string | undefined {
  const found = bodyFields(body).find(([key, value]) => ACTION_KEY.test(key) && DESTROYING_VALUE.test(value));
  return found === undefined ? undefined : `${found[0]}=${found[1]}`;
}

/** A `_bulk` body whose actions delete documents. */
const BULK_DELETE = /["']delete["']\s*:\s*\{/;

/** The method the server acts on: an override header wins over the verb the request travels with. */
export function effectiveMethod(request: HttpRequest): string | undefined {
  for (const header of request.headers) {
    const override = /^\s*x-(?:http-)?method(?:-override)?\s*:\s*(\w+)/i.exec(header);
    if (override !== null) return override[1]?.toUpperCase();
  }
  return request.method?.toUpperCase();
}

/** Why a request destroys, or undefined when it reads or writes without destroying. */
export function requestDestroys(request: HttpRequest): string | undefined {
  const method = effectiveMethod(request);
  if (method === 'DELETE') return 'DELETE';
  // Solr runs an update's `stream.body` even on a GET
  if (request.url !== undefined && /\/update\b/i.test(request.url) && SOLR_DELETE.test(request.url))
    return 'a Solr delete';
  if (method === undefined || ['GET', 'HEAD', 'OPTIONS'].includes(method)) return undefined;
  const url = request.url ?? '';
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const pathVerb = url === '' ? undefined : urlPathVerb(url);
  if (pathVerb !== undefined) return `a ${method} whose path says ${pathVerb}`;
  if (DATA_STORE_PATH.test(path)) return `a ${method} to ${DATA_STORE_PATH.exec(path)?.[0] ?? path}`;
  if (FUSED_PATH_VERB.test(path.split(/[?#]/)[0] ?? '')) return `a ${method} whose path says delete`;
  if (DELETION_NOUN_PATH.test(path.split(/[?#]/)[0] ?? ''))
    return `a ${method} whose path names a deletion or archive`;
  const field = destroyingField(request.body);
  if (field !== undefined) return `a ${method} whose body asks for ${field}`;
  if (SAFEGUARD_PATH.test(path)) return 'index lifecycle management stopped';
  if (REQUIRES_NAME_OFF.test(request.body)) return 'action.destructive_requires_name switched off';
  if (/\/update\b/i.test(path) && (SOLR_DELETE.test(request.body) || SOLR_DELETE.test(url)))
    return 'a Solr delete';
  if (/\/_bulk\b/i.test(path) && BULK_DELETE.test(request.body)) return 'a _bulk request that deletes';
  if (batchDeletes(bodyFields(request.body))) return 'a change batch whose Action is DELETE';
  return undefined;
}

/** The safeguard a write switches off (`settings/waf {"value":"off"}`, `enforce_admins=false`), if any. */
export function requestSwitchesOff(request: HttpRequest): string | undefined {
  const method = effectiveMethod(request);
  if (method === undefined || ['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(method)) return undefined;
  const path = (request.url ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return safeguardSwitchedOff(path, bodyFields(request.body));
}
