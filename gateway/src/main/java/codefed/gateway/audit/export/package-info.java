/**
 * Auditors' SQL: audit logs exported as hive-partitioned Parquet ({@link
 * codefed.gateway.audit.export.ParquetExport}, incremental, one row per record with its leaf hash)
 * and queried read-only with an embedded DuckDB ({@link codefed.gateway.audit.export.DecisionsSql},
 * the view {@code decisions}). The same files load unchanged into Spark or Trino.
 */
package codefed.gateway.audit.export;
