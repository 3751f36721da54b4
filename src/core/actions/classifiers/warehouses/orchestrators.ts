import { isLoopback } from '../../environment.js';
import type { ActionSurroundings, CommandClassifier, EnvironmentHints, SimpleCommand } from '../../types.js';
import { urlHost, urlPath } from '../args.js';
import type { ClassifierDeps, RunFile } from '../deps.js';
import { classifyGeneric } from '../generic/intent.js';
import { sharedWord } from '../../environment-words.js';
import { envVar } from '../operation.js';
import { resolvePath } from '../paths.js';

// Orchestrators' CLIs act on their own metadata, wherever the tool points: Airflow's metadata database (from
// AIRFLOW__DATABASE__SQL_ALCHEMY_CONN or airflow.cfg, a SQLite file in AIRFLOW_HOME by default) and Prefect's API
// (PREFECT_API_URL or the active profile, a local ephemeral server by default). Their destructive verbs are read
// by the generic reading and placed there: a SQLite file or loopback server on this machine is the local dev
// stack, a named server decides by its host, and a place that cannot be told (a command computing the
// connection, a config file that cannot be read) is held.

/** Where the tool points, or undefined when it cannot be told before it runs. */
type Place = EnvironmentHints | undefined;

/** A SQLAlchemy / HTTP URL: a SQLite file on this machine, or the server it names. */
function urlPlace(url: string, what: string): Place {
  const sqlite = /^sqlite(?:\+\w+)?:\/\/\/(.*)$/i.exec(url);
  if (sqlite !== null) {
    const file = sqlite[1] ?? '';
    if (file === '' || file === ':memory:') return { local: true, localTarget: `${what}, in memory` };
    return sharedWord(file) === undefined
      ? { local: true, path: file, localTarget: `${what}, the SQLite file ${file} on this machine` }
      : { local: true, path: file };
  }
  const host = urlHost(url);
  if (host === undefined) return undefined;
  const database = /^[a-z+]+:\/\//i.test(url) && !/^https?:/i.test(url) ? urlPath(url) : undefined;
  return { host, ...(database !== undefined ? { database } : {}) };
}

function read(deps: ClassifierDeps, surroundings: ActionSurroundings, file: string): RunFile | undefined {
  const path = resolvePath(file, surroundings, false);
  return path === undefined ? undefined : deps.readRunFile?.(path);
}

const AIRFLOW_CONN = ['AIRFLOW__DATABASE__SQL_ALCHEMY_CONN', 'AIRFLOW__CORE__SQL_ALCHEMY_CONN'];

/** Airflow's metadata database, as the CLI would find it. */
function airflowPlace(deps: ClassifierDeps, command: SimpleCommand, surroundings: ActionSurroundings): Place {
  const what = "Airflow's metadata database";
  for (const name of AIRFLOW_CONN) {
    const url = envVar(command, surroundings, name);
    if (url !== undefined) return urlPlace(url, what);
    // `…_CMD` and `…_SECRET` compute it when the command runs
    if (['_CMD', '_SECRET'].some((s) => envVar(command, surroundings, name + s) !== undefined))
      return undefined;
  }
  const home = envVar(command, surroundings, 'AIRFLOW_HOME') ?? `${surroundings.home}/airflow`;
  const config = envVar(command, surroundings, 'AIRFLOW_CONFIG') ?? `${home}/airflow.cfg`;
  const file = read(deps, surroundings, config);
  const fallback = urlPlace(`sqlite:///${home}/airflow.db`, what);
  if (file?.kind === 'missing') return fallback;
  if (file?.kind !== 'text') return undefined;
  if (/^\s*sql_alchemy_conn_(?:cmd|secret)\s*=/m.test(file.text)) return undefined;
  const url = /^\s*sql_alchemy_conn\s*=\s*(\S+)\s*$/m.exec(file.text)?.[1];
  return url === undefined ? fallback : urlPlace(url.replace('{AIRFLOW_HOME}', home), what);
}

/** Prefect's API, as the CLI would find it: the variable, else the active profile's, else a local server. */
function prefectPlace(deps: ClassifierDeps, command: SimpleCommand, surroundings: ActionSurroundings): Place {
  const what = "Prefect's API";
  const api = envVar(command, surroundings, 'PREFECT_API_URL');
  if (api !== undefined) return urlPlace(api, what);
  const home = envVar(command, surroundings, 'PREFECT_HOME') ?? `${surroundings.home}/.prefect`;
  const file = read(deps, surroundings, `${home}/profiles.toml`);
  const local: Place = {
    local: true,
    localTarget: `${what}, a temporary server prefect starts on this machine`,
  };
  if (file?.kind === 'missing') return local;
  if (file?.kind !== 'text') return undefined;
  if (!/PREFECT_API_URL/.test(file.text)) return local;
  const active =
    envVar(command, surroundings, 'PREFECT_PROFILE') ?? /^\s*active\s*=\s*"([^"]+)"/m.exec(file.text)?.[1];
  if (active === undefined) return undefined;
  const sections = file.text.split(/^\s*\[/m);
  const own = sections.find(
    (s) => s.startsWith(`profiles.${active}]`) || s.startsWith(`profiles."${active}"]`),
  );
  const url = own === undefined ? undefined : /PREFECT_API_URL\s*=\s*"([^"]*)"/.exec(own)?.[1];
  return url === undefined ? local : urlPlace(url, what);
}

/** Hints when the place cannot be told: a value known only when the line runs matches no environment. */
const UNTOLD: EnvironmentHints = {};

/** An orchestrator CLI: the generic reading of its verbs, placed where its metadata lives. */
function orchestrator(
  deps: ClassifierDeps,
  place: (deps: ClassifierDeps, command: SimpleCommand, surroundings: ActionSurroundings) => Place,
): CommandClassifier {
  return (command, surroundings) => {
    const ops = classifyGeneric(command, command.args, surroundings);
    // inside a pod or over ssh, the variables and files of that machine decide: the carrier's hints stay
    if (ops.length === 0 || command.remote !== undefined) return ops;
    const where = place(deps, command, surroundings) ?? UNTOLD;
    const loopback = where.host !== undefined && isLoopback(where.host);
    return ops.map((op) => ({
      ...op,
      hints: where,
      summary: `${op.summary} (acting on ${loopback ? `a server on this machine (${where.host})` : (where.localTarget ?? where.host ?? 'a place blastwall cannot tell before it runs')})`,
    }));
  };
}

/** `airflow db reset`, `airflow dags delete` … on the metadata database the CLI is configured with. */
export const createAirflowClassifier = (deps: ClassifierDeps): CommandClassifier =>
  orchestrator(deps, airflowPlace);
/** `prefect work-pool delete` … on the API the CLI points at. */
export const createPrefectClassifier = (deps: ClassifierDeps): CommandClassifier =>
  orchestrator(deps, prefectPlace);
