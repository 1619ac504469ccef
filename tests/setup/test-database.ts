/**
 * Test databases are real: SQLite files by default, or PostgreSQL databases
 * when TEST_DATABASE_URL names a server (any database on it; the tests create
 * their own beside it). The global setup migrates one template from empty;
 * every test file gets its own copy of it: a copied file, or CREATE DATABASE
 * … TEMPLATE. Each run has its own folder and database names, so two runs at
 * once (a developer's and a helper's) never delete each other's template.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresClient } from "../../db/postgres";

const ROOT = path.join(os.tmpdir(), "beyond-hello-tests");

/** The PostgreSQL server the tests run against, or undefined for SQLite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** For `describe.skipIf(onPostgres)` on tests of SQLite's own machinery (WAL, backups, query plans). */
export const onPostgres = Boolean(testServerUrl());

/** Called once per run, in the global setup; the workers inherit the path through the environment. */
export function newRunFolder(): string {
  fs.mkdirSync(ROOT, { recursive: true });
  const folder = fs.mkdtempSync(path.join(ROOT, "run-"));
  process.env.BEYOND_HELLO_TEST_TEMPLATE = path.join(folder, "template.db");
  // PostgreSQL database names: bh_<run>_template and bh_<run>_<n>, lower case (unquoted names fold).
  process.env.BEYOND_HELLO_TEST_RUN = `bh_${path
    .basename(folder)
    .slice(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}`;
  return folder;
}

export function templatePath(): string {
  const template = process.env.BEYOND_HELLO_TEST_TEMPLATE;
  if (!template)
    throw new Error("The test template database is not set up: run tests through vitest with tests/vitest.config.ts.");
  return template;
}

function runPrefix(): string {
  templatePath(); // the same message when the setup did not run
  return process.env.BEYOND_HELLO_TEST_RUN!;
}

/** The URL of one database on the test server. */
export function postgresDatabaseUrl(name: string): string {
  const url = new URL(testServerUrl()!);
  url.pathname = `/${name}`;
  return url.toString();
}

export function templateLocation(): string {
  return onPostgres ? postgresDatabaseUrl(`${runPrefix()}_template`) : templatePath();
}

/** Runs statements on the server's own database (CREATE and DROP DATABASE cannot run inside one being dropped). */
export async function onTestServer(...statements: string[]): Promise<void> {
  const client = postgresClient(testServerUrl()!);
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export function freshDatabasePath(label = "test"): string {
  const template = templatePath();
  const dir = fs.mkdtempSync(path.join(path.dirname(template), `${label}-`));
  const file = path.join(dir, "db.sqlite");
  fs.copyFileSync(template, file);
  return file;
}

let counter = 0;

/** A fresh copy of the migrated template: a SQLite file's path, or a PostgreSQL database's URL. */
export async function freshDatabase(label = "test"): Promise<string> {
  if (!onPostgres) return freshDatabasePath(label);
  const name = `${runPrefix()}_${process.pid}_${++counter}_${label.toLowerCase().replace(/[^a-z0-9]/g, "")}`.slice(
    0,
    63,
  );
  await onTestServer(`create database ${name} template ${runPrefix()}_template`);
  return postgresDatabaseUrl(name);
}

/** Drops every database of this run (the global teardown). */
export async function dropRunDatabases(): Promise<void> {
  const client = postgresClient(testServerUrl()!);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `${runPrefix()}\\_%`,
    ]);
    // The copies first, then the template they were made from.
    for (const { datname } of rows.filter((r) => !r.datname.endsWith("_template")))
      await client.query(`drop database if exists ${datname} with (force)`);
    await client.query(`drop database if exists ${runPrefix()}_template with (force)`);
  } finally {
    await client.end();
  }
}
