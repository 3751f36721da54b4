import type { ToolFamily } from '../family.js';
import { classifyDbt } from './dbt.js';
import { createAirflowClassifier, createPrefectClassifier } from './orchestrators.js';

/**
 * Data warehouse and pipeline tools: dbt's full refresh, and the orchestrators' CLIs placed where their metadata
 * lives. Every command of a warehouse tool acts where its named connection, profile, target or project points
 * (connections.ts, applied to whatever classified it); SQL itself is read by the databases family.
 */
export const warehouses: ToolFamily = {
  id: 'warehouses',
  tools: (deps) => ({
    dbt: classifyDbt,
    airflow: createAirflowClassifier(deps),
    prefect: createPrefectClassifier(deps),
  }),
  // dbt's other destructive verbs (`run-operation drop_schema`) are read by the generic reading
  partial: ['dbt'],
};
