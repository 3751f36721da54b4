// Code a framework runs inside the application (`rails runner`, `manage.py shell -c`, `artisan tinker --execute`,
// `mix run -e`): judged on the bulk deletes its ORM makes, the way SQL is judged on DELETE without WHERE.

/** Ruby: ActiveRecord mass deletes, queue and cache clears, raw DROP/TRUNCATE/DELETE. */
const RUBY =
  /\.(destroy_all|delete_all|clear|flushdb|flushall|truncate|drop_table|purge|purge_all)\b|&:(clear|destroy|delete|destroy_all|delete_all|purge)\b|\bexecute\s*\(?\s*['"]\s*(DROP|TRUNCATE|DELETE)\b/i;
/** Python: Django querysets deleted (`.objects.all().delete()`, `.filter(…).delete()`), raw SQL, call_command flush. */
const PYTHON =
  /\.objects\b[^;\n]*\.delete\s*\(|\.delete\s*\(\s*\)|\bexecute\s*\(\s*[rbuf]?['"]\s*(DROP|TRUNCATE|DELETE)\b|call_command\s*\(\s*['"](flush|reset_db)['"]|\.truncate\s*\(|\bdrop_all\s*\(/i;
/** PHP: Eloquent deletes and truncates, raw statements, Schema drops. */
const PHP =
  /->(delete|forceDelete|truncate)\s*\(|::(truncate|destroy)\s*\(|Schema::(drop|dropIfExists|dropAllTables)\s*\(|DB::(statement|unprepared|delete)\s*\(\s*['"]\s*(DROP|TRUNCATE|DELETE)\b/i;
/** Elixir: Repo.delete_all, raw queries, Ecto.Migrator down. */
const ELIXIR =
  /\bRepo\.delete_all\b|\bRepo\.query!?\s*\(\s*"\s*(DROP|TRUNCATE|DELETE)\b|Migrator\.run\([^)]*:down/i;

const LANGUAGES = { ruby: RUBY, python: PYTHON, php: PHP, elixir: ELIXIR } as const;

/** The bulk delete the code makes, as written; undefined when it makes none. */
export function bulkDelete(code: string, language: keyof typeof LANGUAGES): string | undefined {
  return LANGUAGES[language].exec(code)?.[0].trim();
}
