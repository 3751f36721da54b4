import type { ToolFamily } from '../family.js';
import { createDbtClassifier } from './dbt.js';
import { createAirflowClassifier, createPrefectClassifier } from './orchestrators.js';

/**
 * Data warehouse and pipeline tools: dbt (its full refresh, its macros read for their SQL), and the orchestrators' CLIs placed where their metadata
 * lives. Every command of a warehouse tool acts where its named connection, profile, target or project points
 * (connections.ts, applied to whatever classified it); SQL itself is read by the databases family.
 */
export const warehouses: ToolFamily = {
  id: 'warehouses',
  tools: (deps) => ({
    dbt: createDbtClassifier(deps),
    airflow: createAirflowClassifier(deps),
    prefect: createPrefectClassifier(deps),
  }),
};
