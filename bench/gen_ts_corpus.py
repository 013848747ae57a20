#!/usr/bin/env python3
"""Deterministic generator of a realistic TypeScript monorepo corpus for benchmarking connlint.

    python3 bench/gen_ts_corpus.py --files 2000 --out /tmp/connlint-bench/ts-2000

Writes a Next.js (app router) + Express code base: UI components, API routes, services that query through
Prisma, Drizzle and node-postgres and call each other across files, utils, scripts and Express routers, plus
tsconfig.json (with `paths`), package.json, prisma/schema.prisma and a drizzle schema.

About 250 lines per file on average (2000 files ~ 500k lines, 8000 files ~ 2M lines). The output depends only on
--files and --seed (standard library `random.Random`, no hash-ordered iteration), so two runs give identical trees.

Besides the code it writes `connlint-bench-manifest.json` at the root of the corpus: every place where the
generator deliberately planted a pattern, with its kind and whether connlint should report it. The bench
script uses it as a rough recall/precision check; it is not a test oracle (real code is the real test).
"""
import argparse
import json
import math
import os
import random
import sys

# --------------------------------------------------------------------------------------------------------------
# Domain model
# --------------------------------------------------------------------------------------------------------------

# name, parent (foreign key owner) and extra fields (name, kind). kind: str|int|bool|date|money|enum:<a,b,c>|json
ENTITIES = [
    ("user", "team", [("email", "str"), ("name", "str"), ("role", "enum:owner,admin,member,viewer"),
                      ("lastLoginAt", "date"), ("avatarUrl", "str")]),
    ("team", "workspace", [("name", "str"), ("slug", "str"), ("plan", "enum:free,pro,enterprise"),
                           ("seats", "int")]),
    ("workspace", None, [("name", "str"), ("slug", "str"), ("stripeId", "str"), ("region", "str")]),
    ("project", "team", [("name", "str"), ("description", "str"), ("archived", "bool"), ("color", "str")]),
    ("invoice", "customer", [("number", "str"), ("amount", "money"), ("currency", "str"),
                             ("status", "enum:draft,open,paid,void"), ("dueAt", "date")]),
    ("invoiceItem", "invoice", [("description", "str"), ("quantity", "int"), ("unitPrice", "money")]),
    ("customer", "workspace", [("email", "str"), ("name", "str"), ("country", "str"), ("vatId", "str")]),
    ("order", "customer", [("total", "money"), ("status", "enum:pending,paid,shipped,cancelled"),
                           ("placedAt", "date"), ("channel", "str")]),
    ("orderLine", "order", [("sku", "str"), ("quantity", "int"), ("price", "money")]),
    ("product", "workspace", [("sku", "str"), ("title", "str"), ("price", "money"), ("stock", "int"),
                              ("active", "bool")]),
    ("comment", "ticket", [("body", "str"), ("authorId", "str"), ("edited", "bool")]),
    ("ticket", "project", [("title", "str"), ("priority", "enum:low,medium,high,urgent"),
                           ("status", "enum:open,pending,closed"), ("assigneeId", "str")]),
    ("document", "project", [("title", "str"), ("storageKey", "str"), ("sizeBytes", "int"),
                             ("mimeType", "str")]),
    ("subscription", "customer", [("plan", "str"), ("status", "enum:trialing,active,past_due,canceled"),
                                  ("renewsAt", "date"), ("seats", "int")]),
    ("webhook", "workspace", [("url", "str"), ("secret", "str"), ("enabled", "bool"), ("events", "json")]),
    ("membership", "team", [("userId", "str"), ("role", "enum:owner,admin,member"), ("acceptedAt", "date")]),
    ("report", "workspace", [("title", "str"), ("period", "str"), ("generatedAt", "date"),
                             ("status", "enum:queued,running,done,failed")]),
    ("notification", "user", [("kind", "str"), ("readAt", "date"), ("payload", "json")]),
    ("payment", "invoice", [("amount", "money"), ("provider", "enum:stripe,paypal,wire"),
                            ("succeeded", "bool"), ("capturedAt", "date")]),
    ("shipment", "order", [("carrier", "str"), ("trackingCode", "str"), ("shippedAt", "date"),
                           ("deliveredAt", "date")]),
    ("article", "workspace", [("title", "str"), ("slug", "str"), ("body", "str"), ("publishedAt", "date"),
                              ("views", "int")]),
    ("tag", "workspace", [("label", "str"), ("color", "str"), ("usageCount", "int")]),
    ("event", "project", [("type", "str"), ("actorId", "str"), ("occurredAt", "date"), ("data", "json")]),
    ("apiKey", "workspace", [("prefix", "str"), ("hashedKey", "str"), ("lastUsedAt", "date"),
                             ("revoked", "bool")]),
    ("auditLog", "workspace", [("action", "str"), ("actorId", "str"), ("target", "str"), ("ip", "str")]),
    ("coupon", "workspace", [("code", "str"), ("percentOff", "int"), ("redeemBy", "date"),
                             ("maxRedemptions", "int")]),
]

# calibrates the average file length to ~250 lines (2000 files ~ 500k lines)
LINE_SCALE = 1.04

ASPECTS = ["billing", "sync", "export", "audit", "stats", "search", "notify", "archive", "import",
           "reconcile", "access", "lifecycle", "digest", "cleanup", "enrich", "quota", "pricing", "ranking",
           "migration", "timeline"]
UI_KINDS = ["Table", "List", "Card", "Form", "Dialog", "Panel", "Filters", "Header", "Summary", "Chart",
            "Badge", "Sidebar", "Settings", "Picker", "Timeline", "EmptyState", "Toolbar", "Drawer", "Row",
            "Details"]
UTIL_TOPICS = ["format", "dates", "strings", "money", "arrays", "validation", "retry", "cache", "colors",
               "urls", "ids", "csv", "env", "errors", "pagination", "sorting", "math", "objects", "cookies",
               "logger"]
SCRIPT_TOPICS = ["backfill", "seed", "migrate", "recompute", "cleanup", "export", "reindex", "repair",
                 "import", "dedupe"]


def pascal(s):
    return s[0].upper() + s[1:]


def kebab(s):
    out = []
    for ch in s:
        if ch.isupper():
            out.append("-" + ch.lower())
        else:
            out.append(ch)
    return "".join(out)


def snake(s):
    return kebab(s).replace("-", "_")


def plural(s):
    if s.endswith("y") and not s.endswith("ey"):
        return s[:-1] + "ies"
    if s.endswith("s"):
        return s + "es"
    return s + "s"


class Entity:
    def __init__(self, name, parent, fields):
        self.name = name                 # camel: invoiceItem (Prisma delegate name)
        self.P = pascal(name)            # InvoiceItem
        self.parent = parent             # camel parent name or None
        self.fk = (parent + "Id") if parent else None
        self.fields = fields
        self.table = snake(plural(name))  # invoice_items (SQL table)
        self.dz = plural(name)           # invoiceItems (drizzle table export)
        self.kebab = kebab(name)

    def ts_type(self, kind):
        if kind.startswith("enum:"):
            return " | ".join("'%s'" % v for v in kind[5:].split(","))
        return {"str": "string", "int": "number", "bool": "boolean", "date": "Date | null",
                "money": "number", "json": "Record<string, unknown>"}[kind]

    def sample(self, rng, kind):
        if kind.startswith("enum:"):
            return "'%s'" % rng.choice(kind[5:].split(","))
        return {"str": "'%s'" % rng.choice(["alpha", "beta", "acme", "north", "default", "imported"]),
                "int": str(rng.randint(1, 50)), "bool": rng.choice(["true", "false"]),
                "date": "new Date()", "money": str(rng.randint(100, 99999)), "json": "{}"}[kind]

    def pick_field(self, rng, kinds):
        c = [f for f in self.fields if f[1].split(":")[0] in kinds]
        return rng.choice(c) if c else None


ENT = [Entity(*e) for e in ENTITIES]
BY_NAME = {e.name: e for e in ENT}


# --------------------------------------------------------------------------------------------------------------
# Writer
# --------------------------------------------------------------------------------------------------------------

class W:
    """Lines with indentation, and the planted patterns (line numbers are 1-based)."""

    def __init__(self, path):
        self.path = path
        self.lines = []
        self.ind = 0
        self.marks = []
        self.names = set()

    def l(self, s=""):
        self.lines.append(("  " * self.ind + s) if s else "")

    def ls(self, *ss):
        for s in ss:
            self.l(s)

    def mark(self, kind, expect, rule="query-in-loop", offset=0):
        """Marks the NEXT line written (plus offset)."""
        self.marks.append({"path": self.path, "line": len(self.lines) + 1 + offset, "kind": kind,
                           "rule": rule, "expect": expect})

    def open(self, head):
        self.l(head)
        self.ind += 1

    def close(self, tail="}"):
        self.ind -= 1
        self.l(tail)

    def uniq(self, base):
        n, i = base, 2
        while n in self.names:
            n = "%s%d" % (base, i)
            i += 1
        self.names.add(n)
        return n

    def text(self):
        return "\n".join(self.lines) + "\n"


# --------------------------------------------------------------------------------------------------------------
# Database access snippets, one per library. `h` is the handle expression (prisma, tx, db, pool, client).
# --------------------------------------------------------------------------------------------------------------

def q_find_unique(lib, h, e, idexpr):
    if lib == "prisma":
        return "%s.%s.findUnique({ where: { id: %s } })" % (h, e.name, idexpr)
    if lib == "drizzle":
        return "%s.query.%s.findFirst({ where: eq(%s.id, %s) })" % (h, e.dz, e.dz, idexpr)
    return "%s.query<%sRow>('SELECT * FROM %s WHERE id = $1', [%s])" % (h, e.P, e.table, idexpr)


def q_find_many_parent(lib, h, e, pexpr, limit="50"):
    if lib == "prisma":
        return "%s.%s.findMany({ where: { %s: %s }, orderBy: { createdAt: 'desc' }, take: %s })" % (
            h, e.name, e.fk or "id", pexpr, limit)
    if lib == "drizzle":
        return ("%s.select().from(%s).where(eq(%s.%s, %s)).orderBy(desc(%s.createdAt)).limit(%s)"
                % (h, e.dz, e.dz, e.fk or "id", pexpr, e.dz, limit))
    return ("%s.query<%sRow>('SELECT * FROM %s WHERE %s = $1 ORDER BY created_at DESC LIMIT %s', [%s])"
            % (h, e.P, e.table, snake(e.fk or "id"), limit, pexpr))


def q_update(lib, h, e, idexpr, field, value):
    if lib == "prisma":
        return "%s.%s.update({ where: { id: %s }, data: { %s: %s } })" % (h, e.name, idexpr, field, value)
    if lib == "drizzle":
        return "%s.update(%s).set({ %s: %s }).where(eq(%s.id, %s))" % (h, e.dz, field, value, e.dz, idexpr)
    return "%s.query('UPDATE %s SET %s = $1, updated_at = now() WHERE id = $2', [%s, %s])" % (
        h, e.table, snake(field), value, idexpr)


def q_count(lib, h, e, where_field, value):
    if lib == "prisma":
        return "%s.%s.count({ where: { %s: %s } })" % (h, e.name, where_field, value)
    if lib == "drizzle":
        return "%s.select({ n: count() }).from(%s).where(eq(%s.%s, %s))" % (h, e.dz, e.dz, where_field, value)
    return "%s.query<{ n: string }>('SELECT count(*) AS n FROM %s WHERE %s = $1', [%s])" % (
        h, e.table, snake(where_field), value)


def q_find_in(lib, h, e, idsexpr):
    if lib == "prisma":
        return "%s.%s.findMany({ where: { id: { in: %s } } })" % (h, e.name, idsexpr)
    if lib == "drizzle":
        return "%s.select().from(%s).where(inArray(%s.id, %s))" % (h, e.dz, e.dz, idsexpr)
    return "%s.query<%sRow>('SELECT * FROM %s WHERE id = ANY($1)', [%s])" % (h, e.P, e.table, idsexpr)


def q_create(lib, h, e, dataexpr):
    if lib == "prisma":
        return "%s.%s.create({ data: %s })" % (h, e.name, dataexpr)
    if lib == "drizzle":
        return "%s.insert(%s).values(%s).returning()" % (h, e.dz, dataexpr)
    return "%s.query('INSERT INTO %s (id, data) VALUES ($1, $2)', [newId(), %s])" % (h, e.table, dataexpr)


def rows_of(lib, expr):
    """pg returns { rows }, the others return the rows/row directly."""
    return "(%s).rows" % expr if lib == "pg" else expr


def one_of(lib, expr):
    if lib == "pg":
        return "(%s).rows[0] ?? null" % expr
    return expr


# --------------------------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------------------------

class Gen:
    def __init__(self, nfiles, seed):
        self.rng = random.Random(seed)
        self.nfiles = nfiles
        self.files = {}      # path -> text
        self.marks = []
        self.services = []   # dicts: path, import, fns: [(name, kind, entity)]
        self.utils = []      # dicts: import, fns
        self.components = [] # dicts: import, name
        self.api_names = set()

    # ---------------------------------------------------------------------------- helpers
    def target_lines(self, mean):
        # log-normal spread around the mean, clipped: a few very large files, many medium ones
        sigma = 0.55
        mean *= LINE_SCALE
        mu = math.log(mean) - sigma * sigma / 2
        return int(max(30, min(mean * 5, self.rng.lognormvariate(mu, sigma))))

    def emit(self, w):
        self.files[w.path] = w.text()
        self.marks.extend(w.marks)

    def header(self, w, what):
        r = self.rng
        w.l("/**")
        w.l(" * %s" % what)
        if r.random() < 0.6:
            w.l(" *")
            w.l(" * %s" % r.choice([
                "Keep this module free of side effects at import time: it is loaded by both the edge and node runtimes.",
                "Owned by the platform team. Ask in #eng-platform before changing the public functions.",
                "See docs/architecture.md for how the pieces fit together.",
                "Most callers are API routes; background jobs use the same functions with a system actor.",
                "TODO(perf): several of these run in request paths, measure before adding queries.",
            ]))
        w.l(" */")

    # ---------------------------------------------------------------------------- infra
    def infra(self):
        f = self.files
        f["package.json"] = json.dumps({
            "name": "acme-platform", "version": "0.1.0", "private": True,
            "scripts": {"dev": "next dev", "build": "next build", "start": "next start", "lint": "next lint",
                        "db:generate": "prisma generate", "server": "tsx src/server/app.ts"},
            "dependencies": {"next": "14.2.5", "react": "18.3.1", "react-dom": "18.3.1",
                             "@prisma/client": "5.17.0", "drizzle-orm": "0.32.1", "pg": "8.12.0",
                             "express": "4.19.2", "zod": "3.23.8", "date-fns": "3.6.0"},
            "devDependencies": {"typescript": "5.5.4", "prisma": "5.17.0", "@types/pg": "8.11.6",
                                "@types/express": "4.17.21", "@types/react": "18.3.3", "tsx": "4.16.2"},
        }, indent=2) + "\n"
        f["tsconfig.json"] = json.dumps({
            "compilerOptions": {"target": "ES2022", "lib": ["dom", "dom.iterable", "esnext"], "allowJs": True,
                                "skipLibCheck": True, "strict": True, "noEmit": True, "esModuleInterop": True,
                                "module": "esnext", "moduleResolution": "bundler", "resolveJsonModule": True,
                                "isolatedModules": True, "jsx": "preserve", "incremental": True,
                                "plugins": [{"name": "next"}], "baseUrl": ".",
                                "paths": {"@/*": ["./src/*"], "@db/*": ["./src/db/*"]}},
            "include": ["next-env.d.ts", "**/*.ts", "**/*.tsx"], "exclude": ["node_modules"],
        }, indent=2) + "\n"
        f["next.config.js"] = ("/** @type {import('next').NextConfig} */\nconst nextConfig = {\n"
                               "  reactStrictMode: true,\n  experimental: { serverComponentsExternalPackages: ['pg'] },\n"
                               "};\n\nmodule.exports = nextConfig;\n")
        f[".env.example"] = ("DATABASE_URL=postgresql://app:app@localhost:5432/app?connection_limit=10\n"
                             "WEBHOOK_SIGNING_SECRET=change-me\n")
        # Prisma schema
        s = ['generator client {', '  provider = "prisma-client-js"', '}', '',
             'datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}', '']
        for e in ENT:
            s.append("model %s {" % e.P)
            s.append("  id        String   @id @default(cuid())")
            if e.fk:
                s.append("  %s String" % e.fk)
            for (n, k) in e.fields:
                t = {"str": "String", "int": "Int", "bool": "Boolean", "date": "DateTime?", "money": "Int",
                     "json": "Json"}.get(k.split(":")[0], "String")
                s.append("  %s %s" % (n, t))
            s.append("  createdAt DateTime @default(now())")
            s.append("  updatedAt DateTime @updatedAt")
            s.append("}")
            s.append("")
        f["prisma/schema.prisma"] = "\n".join(s)

        # lib/prisma.ts: the Next.js globalThis singleton
        f["src/lib/prisma.ts"] = "\n".join([
            "// The one shared Prisma client. In development it is cached on globalThis so that",
            "// `next dev` hot reloads reuse it instead of opening a new pool per reload.",
            "import { PrismaClient } from '@prisma/client';",
            "",
            "const globalForPrisma = globalThis as unknown as { prisma: PrismaClient | undefined };",
            "",
            "export const prisma =",
            "  globalForPrisma.prisma ??",
            "  new PrismaClient({",
            "    log: process.env.NODE_ENV === 'development' ? ['warn', 'error'] : ['error'],",
            "  });",
            "",
            "if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;",
            "",
            "export type Db = typeof prisma;",
            ""])
        f["src/lib/pg.ts"] = "\n".join([
            "// Raw node-postgres pool for the reporting queries Prisma cannot express well.",
            "import { Pool, type PoolClient } from 'pg';",
            "",
            "export const pool = new Pool({",
            "  connectionString: process.env.DATABASE_URL,",
            "  max: Number(process.env.PG_POOL_MAX ?? 10),",
            "  idleTimeoutMillis: 30_000,",
            "});",
            "",
            "pool.on('error', (err) => {",
            "  console.error('unexpected error on idle client', err);",
            "});",
            "",
            "export async function withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {",
            "  const client = await pool.connect();",
            "  try {",
            "    return await fn(client);",
            "  } finally {",
            "    client.release();",
            "  }",
            "}",
            "",
            "export function newId(): string {",
            "  return Math.random().toString(36).slice(2) + Date.now().toString(36);",
            "}",
            ""])
        # drizzle schema + client
        s = ["// Drizzle table definitions, mirrored from prisma/schema.prisma for the services that use Drizzle.",
             "import { pgTable, text, integer, boolean, timestamp, jsonb } from 'drizzle-orm/pg-core';", ""]
        for e in ENT:
            s.append("export const %s = pgTable('%s', {" % (e.dz, e.table))
            s.append("  id: text('id').primaryKey(),")
            if e.fk:
                s.append("  %s: text('%s').notNull()," % (e.fk, snake(e.fk)))
            for (n, k) in e.fields:
                col = {"str": "text", "int": "integer", "bool": "boolean", "date": "timestamp", "money": "integer",
                       "json": "jsonb"}.get(k.split(":")[0], "text")
                s.append("  %s: %s('%s')," % (n, col, snake(n)))
            s.append("  createdAt: timestamp('created_at').defaultNow().notNull(),")
            s.append("  updatedAt: timestamp('updated_at').defaultNow().notNull(),")
            s.append("});")
            s.append("")
        f["src/db/schema.ts"] = "\n".join(s)
        for path, line in (("src/lib/pg.ts", 4), ("src/lib/db.ts", 6)):
            self.marks.append({"path": path, "line": line, "kind": "second-pool-in-app", "rule": "per-module-client",
                               "expect": True})
        f["src/lib/db.ts"] = "\n".join([
            "// Drizzle client over its own node-postgres pool.",
            "import { drizzle } from 'drizzle-orm/node-postgres';",
            "import { Pool } from 'pg';",
            "import * as schema from '@/db/schema';",
            "",
            "const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });",
            "",
            "export const db = drizzle(pool, { schema });",
            "export type DbClient = typeof db;",
            ""])
        f["src/lib/auth.ts"] = "\n".join([
            "// Session lookup for API routes. Sessions are signed cookies; no database access here.",
            "import { cookies } from 'next/headers';",
            "",
            "export interface Session {",
            "  userId: string;",
            "  workspaceId: string;",
            "  role: 'owner' | 'admin' | 'member' | 'viewer';",
            "}",
            "",
            "export async function getSession(): Promise<Session | null> {",
            "  const raw = cookies().get('session')?.value;",
            "  if (!raw) return null;",
            "  try {",
            "    const [userId, workspaceId, role] = Buffer.from(raw, 'base64url').toString('utf8').split(':');",
            "    if (!userId || !workspaceId) return null;",
            "    return { userId, workspaceId, role: (role as Session['role']) ?? 'member' };",
            "  } catch {",
            "    return null;",
            "  }",
            "}",
            "",
            "export function unauthorized(): Response {",
            "  return new Response(JSON.stringify({ error: 'unauthorized' }), { status: 401 });",
            "}",
            ""])
        f["src/app/layout.tsx"] = "\n".join([
            "import type { ReactNode } from 'react';",
            "import './globals.css';",
            "",
            "export const metadata = { title: 'Acme', description: 'Acme platform' };",
            "",
            "export default function RootLayout({ children }: { children: ReactNode }) {",
            "  return (",
            "    <html lang=\"en\">",
            "      <body className=\"min-h-screen bg-white text-neutral-900\">{children}</body>",
            "    </html>",
            "  );",
            "}",
            ""])
        # types: one module per entity
        for e in ENT:
            s = ["// Shared types for %s records (API payloads and UI props)." % plural(e.name), ""]
            s.append("export interface %s {" % e.P)
            s.append("  id: string;")
            if e.fk:
                s.append("  %s: string;" % e.fk)
            for (n, k) in e.fields:
                s.append("  %s: %s;" % (n, e.ts_type(k)))
            s.append("  createdAt: Date;")
            s.append("  updatedAt: Date;")
            s.append("}")
            s.append("")
            s.append("export type %sRow = %s;" % (e.P, e.P))
            s.append("export type New%s = Omit<%s, 'id' | 'createdAt' | 'updatedAt'>;" % (e.P, e.P))
            s.append("export type %sPatch = Partial<New%s>;" % (e.P, e.P))
            s.append("")
            s.append("export interface %sListResponse {" % e.P)
            s.append("  items: %s[];" % e.P)
            s.append("  nextCursor: string | null;")
            s.append("  total: number;")
            s.append("}")
            s.append("")
            f["src/types/%s.ts" % e.kebab] = "\n".join(s)
        return [p for p in f if p.endswith((".ts", ".tsx"))]

    # ---------------------------------------------------------------------------- utils
    def gen_util(self, idx):
        r = self.rng
        topic = UTIL_TOPICS[idx % len(UTIL_TOPICS)]
        stem = topic if idx < len(UTIL_TOPICS) else "%s-%d" % (topic, idx // len(UTIL_TOPICS))
        path = "src/utils/%s.ts" % stem
        w = W(path)
        target = self.target_lines(170)
        self.header(w, "Small, dependency-free helpers (%s). No I/O in this module." % topic)
        w.l("")
        fns = []
        blocks = [self.u_format, self.u_chunk, self.u_group, self.u_retry, self.u_cache, self.u_slug,
                  self.u_dates, self.u_validate, self.u_range, self.u_parse]
        # the topic's own helpers first, then a mix (real utils folders are never perfectly tidy)
        own = {"format": [self.u_format, self.u_slug], "dates": [self.u_dates], "strings": [self.u_slug],
               "money": [self.u_format, self.u_range], "arrays": [self.u_chunk, self.u_group],
               "validation": [self.u_validate], "retry": [self.u_retry], "cache": [self.u_cache],
               "pagination": [self.u_parse], "sorting": [self.u_group], "math": [self.u_range],
               "urls": [self.u_slug, self.u_parse]}.get(topic, [])
        for b in own:
            fns.append(b(w))
            w.l("")
        while len(w.lines) < target:
            fn = r.choice(blocks)(w)
            fns.append(fn)
            w.l("")
        self.emit(w)
        self.utils.append({"import": "@/utils/%s" % stem, "fns": fns, "path": path})

    def u_format(self, w):
        n = w.uniq("formatAmount")
        w.ls("/** Formats an amount in minor units (cents) for display. */",
             "export function %s(minor: number, currency = 'EUR', locale = 'en-US'): string {" % n,
             "  const value = minor / 100;",
             "  if (!Number.isFinite(value)) {",
             "    return '-';",
             "  }",
             "  return new Intl.NumberFormat(locale, {",
             "    style: 'currency',",
             "    currency,",
             "    maximumFractionDigits: value % 1 === 0 ? 0 : 2,",
             "  }).format(value);",
             "}")
        return ("string", n)

    def u_chunk(self, w):
        n = w.uniq("chunk")
        w.ls("export function %s<T>(items: readonly T[], size: number): T[][] {" % n,
             "  if (size <= 0) throw new RangeError('size must be positive');",
             "  const out: T[][] = [];",
             "  for (let i = 0; i < items.length; i += size) {",
             "    out.push(items.slice(i, i + size));",
             "  }",
             "  return out;",
             "}")
        return ("array", n)

    def u_group(self, w):
        n = w.uniq("groupBy")
        w.ls("export function %s<T, K extends string | number>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {" % n,
             "  return items.reduce((acc, item) => {",
             "    const k = key(item);",
             "    (acc[k] ||= []).push(item);",
             "    return acc;",
             "  }, {} as Record<K, T[]>);",
             "}")
        return ("array", n)

    def u_retry(self, w):
        n = w.uniq("withRetry")
        w.ls("export interface RetryOptions {" if "RetryOptions" not in w.names else "interface _RetryOptions%d {" % len(w.lines),
             "  attempts?: number;",
             "  baseDelayMs?: number;",
             "  onRetry?: (err: unknown, attempt: number) => void;",
             "}",
             "",
             "/** Retries an async operation with exponential backoff and jitter. */",
             "export async function %s<T>(op: () => Promise<T>, opts: { attempts?: number; baseDelayMs?: number } = {}): Promise<T> {" % n,
             "  const attempts = opts.attempts ?? 3;",
             "  const base = opts.baseDelayMs ?? 200;",
             "  let lastError: unknown;",
             "  for (let attempt = 1; attempt <= attempts; attempt++) {",
             "    try {",
             "      return await op();",
             "    } catch (err) {",
             "      lastError = err;",
             "      const delay = base * 2 ** (attempt - 1) + Math.floor(Math.random() * base);",
             "      await new Promise((resolve) => setTimeout(resolve, delay));",
             "    }",
             "  }",
             "  throw lastError;",
             "}")
        w.names.add("RetryOptions")
        return ("async", n)

    def u_cache(self, w):
        n = w.uniq("LruCache")
        w.ls("export class %s<K, V> {" % n,
             "  private readonly map = new Map<K, { value: V; expires: number }>();",
             "",
             "  constructor(private readonly capacity = 500, private readonly ttlMs = 60_000) {}",
             "",
             "  get(key: K): V | undefined {",
             "    const hit = this.map.get(key);",
             "    if (!hit) return undefined;",
             "    if (hit.expires < Date.now()) {",
             "      this.map.delete(key);",
             "      return undefined;",
             "    }",
             "    // refresh recency",
             "    this.map.delete(key);",
             "    this.map.set(key, hit);",
             "    return hit.value;",
             "  }",
             "",
             "  set(key: K, value: V): void {",
             "    if (this.map.size >= this.capacity) {",
             "      const oldest = this.map.keys().next().value as K;",
             "      this.map.delete(oldest);",
             "    }",
             "    this.map.set(key, { value, expires: Date.now() + this.ttlMs });",
             "  }",
             "",
             "  clear(): void {",
             "    this.map.clear();",
             "  }",
             "}")
        return ("class", n)

    def u_slug(self, w):
        n = w.uniq("slugify")
        w.ls("export function %s(input: string, maxLength = 64): string {" % n,
             "  return input",
             "    .normalize('NFKD')",
             "    .replace(/[\\u0300-\\u036f]/g, '')",
             "    .toLowerCase()",
             "    .replace(/[^a-z0-9]+/g, '-')",
             "    .replace(/^-+|-+$/g, '')",
             "    .slice(0, maxLength);",
             "}")
        return ("slug", n)

    def u_dates(self, w):
        n = w.uniq("daysBetween")
        m = w.uniq("startOfWeek")
        w.ls("const DAY_MS = 24 * 60 * 60 * 1000;" if "DAY_MS" not in w.names else "// DAY_MS defined above",
             "",
             "export function %s(a: Date, b: Date): number {" % n,
             "  return Math.round((b.getTime() - a.getTime()) / DAY_MS);",
             "}",
             "",
             "export function %s(date: Date, weekStartsOn: 0 | 1 = 1): Date {" % m,
             "  const d = new Date(date);",
             "  const day = d.getDay();",
             "  const diff = (day < weekStartsOn ? 7 : 0) + day - weekStartsOn;",
             "  d.setDate(d.getDate() - diff);",
             "  d.setHours(0, 0, 0, 0);",
             "  return d;",
             "}")
        w.names.add("DAY_MS")
        return ("date", n)

    def u_validate(self, w):
        n = w.uniq("isValidEmail")
        w.ls("const EMAIL_RE_%d = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$/;" % len(w.lines),
             "",
             "export function %s(value: unknown): value is string {" % n,
             "  return typeof value === 'string' && value.length <= 254 && EMAIL_RE_%d.test(value);" % (len(w.lines) - 2),
             "}")
        return ("bool", n)

    def u_range(self, w):
        n = w.uniq("clamp")
        w.ls("export function %s(value: number, min: number, max: number): number {" % n,
             "  if (Number.isNaN(value)) return min;",
             "  return Math.min(max, Math.max(min, value));",
             "}",
             "",
             "export function %sPercent(part: number, total: number): number {" % n,
             "  if (total === 0) return 0;",
             "  return %s(Math.round((part / total) * 1000) / 10, 0, 100);" % n,
             "}")
        return ("number", n)

    def u_parse(self, w):
        n = w.uniq("parsePagination")
        w.ls("export interface Pagination%d {" % len(w.lines),
             "  limit: number;",
             "  cursor: string | null;",
             "}",
             "",
             "export function %s(params: URLSearchParams, maxLimit = 100): { limit: number; cursor: string | null } {" % n,
             "  const rawLimit = Number(params.get('limit') ?? '25');",
             "  const limit = Number.isFinite(rawLimit) ? Math.min(Math.max(1, Math.trunc(rawLimit)), maxLimit) : 25;",
             "  const cursor = params.get('cursor');",
             "  return { limit, cursor: cursor && cursor.length < 128 ? cursor : null };",
             "}")
        return ("parse", n)

    # ---------------------------------------------------------------------------- services
    def db_imports(self, w, lib, e, others, relative=False):
        if lib == "prisma":
            w.l("import { prisma } from '%s';" % ("../../lib/prisma" if relative else "@/lib/prisma"))
            w.l("import type { Prisma } from '@prisma/client';")
        elif lib == "drizzle":
            w.l("import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';")
            w.l("import { db } from '%s';" % ("../../lib/db" if relative else "@/lib/db"))
            names = sorted(set([e.dz] + [o.dz for o in others]))
            w.l("import { %s } from '@/db/schema';" % ", ".join(names))
        else:
            w.l("import type { PoolClient } from 'pg';")
            w.l("import { pool, newId } from '%s';" % ("../../lib/pg" if relative else "@/lib/pg"))
        types = sorted(set([e.P] + [o.P for o in others]))
        for t in types:
            w.l("import type { %s, %sRow } from '@/types/%s';" % (t, t, kebab(t[0].lower() + t[1:])))

    def handle(self, lib):
        return {"prisma": "prisma", "drizzle": "db", "pg": "pool"}[lib]

    def gen_service(self, idx):
        r = self.rng
        e = ENT[idx % len(ENT)]
        aspect = ASPECTS[(idx // len(ENT)) % len(ASPECTS)]
        rnd = idx // (len(ENT) * len(ASPECTS))
        stem = "%s-%s%s.service" % (e.kebab, aspect, "" if rnd == 0 else "-%d" % rnd)
        path = "src/services/%s/%s.ts" % (e.kebab, stem)
        lib = r.choices(["prisma", "drizzle", "pg"], [0.5, 0.3, 0.2])[0]
        others = r.sample([o for o in ENT if o is not e], 2)
        child = next((c for c in ENT if c.parent == e.name), others[0])
        w = W(path)
        target = self.target_lines(330)
        self.header(w, "%s %s: data access and business rules for %s." % (e.P, aspect, plural(e.name)))
        self.db_imports(w, lib, e, others + [child])
        # cross-file helper imports (services generated earlier)
        deps = []
        if self.services:
            for s in r.sample(self.services, min(len(self.services), r.randint(0, 3))):
                if not s["fns"]:
                    continue
                fn = r.choice(s["fns"])
                imp = s["import"]
                if s["dir"] == e.kebab and r.random() < 0.7:
                    imp = "./" + s["stem"]
                elif r.random() < 0.3:
                    imp = "../%s/%s" % (s["dir"], s["stem"])
                if any(d[1] == fn[0] for d in deps) or fn[0] in w.names:
                    continue
                deps.append((imp, fn[0], fn[1], fn[2]))
                w.names.add(fn[0])
        for imp, name, _, _ in deps:
            w.l("import { %s } from '%s';" % (name, imp))
        if self.utils and r.random() < 0.7:
            u = r.choice(self.utils)
            fn = r.choice(u["fns"])
            if fn[0] == "array" and fn[1] not in w.names:
                w.l("import { %s } from '%s';" % (fn[1], u["import"]))
                w.names.add(fn[1])
        w.l("")
        w.l("export const %s_%s_PAGE_SIZE = %d;" % (snake(e.name).upper(), aspect.upper(), r.choice([25, 50, 100, 200])))
        w.l("")
        fns = []
        h = self.handle(lib)
        # always: a by-id getter and a list (other files call these)
        fns.append(self.s_get_by_id(w, lib, e, aspect))
        w.l("")
        fns.append(self.s_list(w, lib, e, aspect))
        w.l("")
        # (block, weight, at most this many per file; None = no cap). The risky shapes are capped so that a
        # file reads like real code: a couple of N+1s among ordinary queries and plain logic.
        blocks = [
            (self.s_n1_sequential, 3, 2), (self.s_n1_fanout, 3, 1), (self.s_batched, 2, 1),
            (self.s_helper_loop, 2, 1), (self.s_literal_loop, 1, 1), (self.s_create_validated, 2, 1),
            (self.s_stats, 2, 1), (self.s_transaction, 2, 1), (self.s_cross_call, 2, 2),
            (self.s_pg_checkout, 3 if lib == "pg" else 0, 2), (self.s_mapper, 2, 1),
            (self.s_paginate_batches, 1, 1), (self.s_class, 1, 1),
            (self.s_find_by_field, 3, None), (self.s_search, 3, None), (self.s_permission, 2, 1),
            (self.s_diff, 2, 1), (self.s_cached_getter, 2, 1), (self.s_ensure, 2, 1),
            (self.s_validate_transition, 2, 1), (self.s_normalize, 2, None),
        ]
        used = {}
        while len(w.lines) < target:
            avail = [(b, wt) for b, wt, cap in blocks if wt > 0 and (cap is None or used.get(b, 0) < cap)]
            b = r.choices([b for b, _ in avail], [wt for _, wt in avail])[0]
            used[b] = used.get(b, 0) + 1
            res = b(w, lib, e, aspect, child=child, others=others, deps=deps)
            if res:
                fns.append(res)
            w.l("")
        self.emit(w)
        exported = [f for f in fns if f and f[1] in ("byId", "list", "summary")]
        self.services.append({"path": path, "import": "@/services/%s/%s" % (e.kebab, stem), "stem": stem,
                              "dir": e.kebab, "fns": exported, "lib": lib, "entity": e})

    def s_find_by_field(self, w, lib, e, aspect, **_):
        """An ordinary lookup on a non-key column (no loop)."""
        r = self.rng
        f = e.pick_field(r, ["str", "enum", "bool"])
        if not f:
            return None
        h = self.handle(lib)
        n = w.uniq("find%sBy%s" % (e.P, pascal(f[0])))
        t = "string" if f[1] != "bool" else "boolean"
        w.open("export async function %s(value: %s, opts: { includeArchived?: boolean } = {}): Promise<%s | null> {" % (n, t, e.P))
        if f[1] == "str":
            w.l("const needle = value.trim();")
            w.l("if (needle.length === 0) return null;")
            val = "needle"
        else:
            val = "value"
        if lib == "prisma":
            w.open("const row = await prisma.%s.findFirst({" % e.name)
            w.l("where: { %s: %s, ...(opts.includeArchived ? {} : { updatedAt: { not: undefined } }) }," % (f[0], val))
            w.l("orderBy: { createdAt: 'desc' },")
            w.close("});")
            w.l("return row as %s | null;" % e.P)
        elif lib == "drizzle":
            w.open("const [row] = await db")
            w.l(".select()")
            w.l(".from(%s)" % e.dz)
            w.l(".where(and(eq(%s.%s, %s), opts.includeArchived ? undefined : sql`${%s.updatedAt} is not null`))" % (e.dz, f[0], val, e.dz))
            w.l(".limit(1);")
            w.ind -= 1
            w.l("return (row as %s | undefined) ?? null;" % e.P)
        else:
            w.l("const sqlText = opts.includeArchived")
            w.l("  ? 'SELECT * FROM %s WHERE %s = $1 ORDER BY created_at DESC LIMIT 1'" % (e.table, snake(f[0])))
            w.l("  : 'SELECT * FROM %s WHERE %s = $1 AND archived_at IS NULL ORDER BY created_at DESC LIMIT 1';" % (e.table, snake(f[0])))
            w.l("const { rows } = await pool.query<%sRow>(sqlText, [%s]);" % (e.P, val))
            w.l("return rows[0] ?? null;")
        w.close()
        return (n, "field", e)

    def s_search(self, w, lib, e, aspect, **_):
        """Filtered, paginated search built from optional criteria (no loop)."""
        r = self.rng
        sf = e.pick_field(r, ["str"]) or ("id", "str")
        n = w.uniq("search%s" % plural(e.P))
        crit = w.uniq("%sSearchCriteria" % e.P)
        w.open("export interface %s {" % crit)
        w.l("text?: string;")
        if e.fk:
            w.l("%s?: string;" % e.fk)
        w.l("createdAfter?: Date;")
        w.l("createdBefore?: Date;")
        w.l("page?: number;")
        w.l("pageSize?: number;")
        w.close()
        w.l("")
        w.open("export async function %s(criteria: %s): Promise<{ items: %s[]; total: number }> {" % (n, crit, e.P))
        w.l("const pageSize = Math.min(criteria.pageSize ?? 25, 100);")
        w.l("const page = Math.max(criteria.page ?? 1, 1);")
        if lib == "prisma":
            w.l("const where: Prisma.%sWhereInput = {};" % e.P)
            w.l("if (criteria.text) where.%s = { contains: criteria.text, mode: 'insensitive' };" % sf[0])
            if e.fk:
                w.l("if (criteria.%s) where.%s = criteria.%s;" % (e.fk, e.fk, e.fk))
            w.open("if (criteria.createdAfter || criteria.createdBefore) {")
            w.l("where.createdAt = { gte: criteria.createdAfter, lte: criteria.createdBefore };")
            w.close()
            w.open("const [items, total] = await Promise.all([")
            w.l("prisma.%s.findMany({ where, skip: (page - 1) * pageSize, take: pageSize, orderBy: { createdAt: 'desc' } })," % e.name)
            w.l("prisma.%s.count({ where })," % e.name)
            w.close("]);")
            w.l("return { items: items as %s[], total };" % e.P)
        elif lib == "drizzle":
            w.l("const conditions = [];")
            w.l("if (criteria.text) conditions.push(sql`${%s.%s} ilike ${'%%' + criteria.text + '%%'}`);" % (e.dz, sf[0]))
            if e.fk:
                w.l("if (criteria.%s) conditions.push(eq(%s.%s, criteria.%s));" % (e.fk, e.dz, e.fk, e.fk))
            w.l("if (criteria.createdAfter) conditions.push(sql`${%s.createdAt} >= ${criteria.createdAfter}`);" % e.dz)
            w.l("const where = conditions.length ? and(...conditions) : undefined;")
            w.open("const [items, [{ total }]] = await Promise.all([")
            w.l("db.select().from(%s).where(where).orderBy(desc(%s.createdAt)).limit(pageSize).offset((page - 1) * pageSize)," % (e.dz, e.dz))
            w.l("db.select({ total: count() }).from(%s).where(where)," % e.dz)
            w.close("]);")
            w.l("return { items: items as %s[], total };" % e.P)
        else:
            w.l("const clauses: string[] = [];")
            w.l("const params: unknown[] = [];")
            w.open("if (criteria.text) {")
            w.l("params.push(`%${criteria.text}%`);")
            w.l("clauses.push(`%s ILIKE $${params.length}`);" % snake(sf[0]))
            w.close()
            w.open("if (criteria.createdAfter) {")
            w.l("params.push(criteria.createdAfter);")
            w.l("clauses.push(`created_at >= $${params.length}`);")
            w.close()
            w.l("const whereSql = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';")
            w.l("const { rows } = await pool.query<%sRow & { total: string }>(" % e.P)
            w.l("  `SELECT *, count(*) OVER () AS total FROM %s ${whereSql} ORDER BY created_at DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`," % e.table)
            w.l("  params,")
            w.l(");")
            w.l("return { items: rows, total: Number(rows[0]?.total ?? 0) };")
        w.close()
        return None

    def s_permission(self, w, lib, e, aspect, **_):
        n = w.uniq("can%s%s" % (pascal(self.rng.choice(["edit", "view", "archive", "export"])), e.P))
        w.l("type Actor%d = { id: string; role: 'owner' | 'admin' | 'member' | 'viewer'; workspaceId: string };" % len(w.lines))
        w.l("")
        w.open("export function %s(actor: { id: string; role: string }, row: %s): boolean {" % (n, e.P))
        w.open("switch (actor.role) {")
        w.l("case 'owner':")
        w.l("case 'admin':")
        w.l("  return true;")
        w.l("case 'member':")
        w.l("  // members may only touch what they created in the last 30 days")
        w.l("  return Date.now() - row.createdAt.getTime() < 30 * 86_400_000;")
        w.l("default:")
        w.l("  return false;")
        w.close()
        w.close()
        return None

    def s_diff(self, w, lib, e, aspect, **_):
        n = w.uniq("diff%s" % e.P)
        w.l("/** Field-level changes, for the audit trail. */")
        w.open("export function %s(before: %s, after: Partial<%s>): Array<{ field: string; from: unknown; to: unknown }> {" % (n, e.P, e.P))
        w.l("const changes: Array<{ field: string; from: unknown; to: unknown }> = [];")
        w.open("for (const key of Object.keys(after) as Array<keyof %s>) {" % e.P)
        w.l("if (key === 'updatedAt') continue;")
        w.l("const from = before[key];")
        w.l("const to = after[key];")
        w.l("const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;")
        w.l("if (!same) changes.push({ field: String(key), from, to });")
        w.close()
        w.l("return changes;")
        w.close()
        return None

    def s_cached_getter(self, w, lib, e, aspect, **_):
        getter = sorted(x for x in w.names if x.startswith("get%sFor" % e.P))
        if not getter:
            return None
        c = w.uniq("%sCache" % e.name)
        n = w.uniq("get%sCached" % e.P)
        w.l("const %s = new Map<string, { value: %s | null; at: number }>();" % (c, e.P))
        w.l("")
        w.l("/** Process-local cache in front of %s (30 s). */" % getter[0])
        w.open("export async function %s(id: string): Promise<%s | null> {" % (n, e.P))
        w.l("const hit = %s.get(id);" % c)
        w.l("if (hit && Date.now() - hit.at < 30_000) return hit.value;")
        w.l("const value = await %s(id);" % getter[0])
        w.l("%s.set(id, { value, at: Date.now() });" % c)
        w.l("if (%s.size > 5_000) %s.clear();" % (c, c))
        w.l("return value;")
        w.close()
        return None

    def s_ensure(self, w, lib, e, aspect, **_):
        h = self.handle(lib)
        n = w.uniq("ensure%s" % e.P)
        w.open("export async function %s(id: string, defaults: Partial<%s>): Promise<%s> {" % (n, e.P, e.P))
        if lib == "prisma":
            w.open("const row = await prisma.%s.upsert({" % e.name)
            w.l("where: { id },")
            w.l("create: { id, ...(defaults as object) } as Prisma.%sUncheckedCreateInput," % e.P)
            w.l("update: {},")
            w.close("});")
            w.l("return row as %s;" % e.P)
        elif lib == "drizzle":
            w.l("const [row] = await db.insert(%s).values({ id, ...(defaults as object) } as typeof %s.$inferInsert).onConflictDoNothing().returning();" % (e.dz, e.dz))
            w.l("if (row) return row as %s;" % e.P)
            w.l("const existing = await db.query.%s.findFirst({ where: eq(%s.id, id) });" % (e.dz, e.dz))
            w.l("return existing as %s;" % e.P)
        else:
            w.open("const { rows } = await pool.query<%sRow>(" % e.P)
            w.l("'INSERT INTO %s (id, data) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id RETURNING *'," % e.table)
            w.l("[id, JSON.stringify(defaults)],")
            w.close(");")
            w.l("return rows[0];")
        w.close()
        return None

    def s_validate_transition(self, w, lib, e, aspect, **_):
        f = e.pick_field(self.rng, ["enum"])
        if not f:
            return self.s_normalize(w, lib, e, aspect)
        vals = f[1][5:].split(",")
        n = w.uniq("assert%sTransition" % pascal(f[0]))
        m = w.uniq("%s_TRANSITIONS" % snake(e.name).upper())
        w.open("const %s: Record<string, readonly string[]> = {" % m)
        for i, v in enumerate(vals):
            nxt = vals[i + 1:] or []
            w.l("%s: [%s]," % (v, ", ".join("'%s'" % x for x in nxt)))
        w.close("};")
        w.l("")
        w.open("export function %s(from: string, to: string): void {" % n)
        w.l("const allowed = %s[from] ?? [];" % m)
        w.open("if (!allowed.includes(to)) {")
        w.l("throw new Error(`%s ${from} -> ${to} is not allowed`);" % f[0])
        w.close()
        w.close()
        return None

    def s_normalize(self, w, lib, e, aspect, **_):
        n = w.uniq("normalize%sInput" % e.P)
        w.open("export function %s(raw: Record<string, unknown>): Partial<%s> {" % (n, e.P))
        w.l("const out: Record<string, unknown> = {};")
        for (f, k) in e.fields:
            base = k.split(":")[0]
            if base == "str":
                w.l("if (typeof raw.%s === 'string') out.%s = raw.%s.trim();" % (f, f, f))
            elif base in ("int", "money"):
                w.l("if (raw.%s !== undefined) out.%s = Math.trunc(Number(raw.%s));" % (f, f, f))
            elif base == "bool":
                w.l("if (raw.%s !== undefined) out.%s = raw.%s === true || raw.%s === 'true';" % (f, f, f, f))
            elif base == "date":
                w.l("if (raw.%s) out.%s = new Date(String(raw.%s));" % (f, f, f))
            elif base == "enum":
                w.l("if (typeof raw.%s === 'string') out.%s = raw.%s.toLowerCase();" % (f, f, f))
        w.l("return out as Partial<%s>;" % e.P)
        w.close()
        return None

    def s_get_by_id(self, w, lib, e, aspect):
        n = w.uniq("get%sFor%s" % (e.P, pascal(aspect)))
        h = self.handle(lib)
        w.l("/** Loads one %s by id, or null when it does not exist or was deleted. */" % e.name)
        w.open("export async function %s(id: string): Promise<%s | null> {" % (n, e.P))
        w.l("if (!id) return null;")
        if lib == "pg":
            w.l("const result = await %s;" % q_find_unique(lib, h, e, "id"))
            w.l("return result.rows[0] ?? null;")
        elif lib == "drizzle":
            w.l("const row = await %s;" % q_find_unique(lib, h, e, "id"))
            w.l("return (row as %s | undefined) ?? null;" % e.P)
        else:
            w.l("return (await %s) as %s | null;" % (q_find_unique(lib, h, e, "id"), e.P))
        w.close()
        return (n, "byId", e)

    def s_list(self, w, lib, e, aspect):
        r = self.rng
        n = w.uniq("list%sFor%s" % (plural(e.P), pascal(aspect)))
        h = self.handle(lib)
        p = e.fk or "id"
        w.l("/** Newest first; `limit` is capped so a single request cannot load the whole table. */")
        w.open("export async function %s(%s: string, limit = 50): Promise<%s[]> {" % (n, p, e.P))
        w.l("const take = Math.min(Math.max(limit, 1), 200);")
        if lib == "pg":
            w.l("const result = await %s;" % q_find_many_parent(lib, h, e, p, "$2").replace("[%s]" % p, "[%s, take]" % p))
            w.l("return result.rows;")
        else:
            w.l("const rows = await %s;" % q_find_many_parent(lib, h, e, p, "take"))
            w.l("return rows as %s[];" % e.P)
        w.close()
        return (n, "list", e)

    def s_n1_sequential(self, w, lib, e, aspect, child, **_):
        """for...of with an await per element: N+1."""
        r = self.rng
        h = self.handle(lib)
        n = w.uniq("attach%sTo%s" % (plural(child.P), plural(e.P)))
        w.l("// Used by the %s view: each %s with its %s." % (aspect, e.name, plural(child.name)))
        w.open("export async function %s(items: %s[]): Promise<Array<%s & { %s: %s[] }>> {" % (
            n, e.P, e.P, plural(child.name), child.P))
        w.l("const out: Array<%s & { %s: %s[] }> = [];" % (e.P, plural(child.name), child.P))
        loop = r.choice(["forof", "forof", "fori", "while"])
        if loop == "forof":
            w.open("for (const item of items) {")
            var = "item"
        elif loop == "fori":
            w.open("for (let i = 0; i < items.length; i++) {")
            w.l("const item = items[i];")
            var = "item"
        else:
            w.l("let index = 0;")
            w.open("while (index < items.length) {")
            w.l("const item = items[index++];")
            var = "item"
        if r.random() < 0.3:
            w.open("if (!%s.id) {" % var)
            w.l("continue;")
            w.close()
        fkv = child.fk if child.parent == e.name else "id"
        qexpr = q_find_many_parent(lib, h, child, "%s.id" % var).replace("{ %s:" % (child.fk or "id"), "{ %s:" % (child.fk or "id"))
        w.mark("n+1-sequential-%s" % lib, True)
        w.l("const children = await %s;" % qexpr)
        w.l("out.push({ ...%s, %s: %s as %s[] });" % (var, plural(child.name), rows_of(lib, "children"), child.P))
        w.close()
        w.l("return out;")
        w.close()
        return None

    def s_n1_fanout(self, w, lib, e, aspect, others, **_):
        """Promise.all(ids.map(async ...)): N concurrent queries."""
        r = self.rng
        h = self.handle(lib)
        o = others[0]
        n = w.uniq("resolve%sOwners" % plural(e.P))
        w.open("export async function %s(rows: %s[]): Promise<Map<string, %s | null>> {" % (n, e.P, o.P))
        w.l("const ids = [...new Set(rows.map((row) => row.id))];")
        style = r.choice(["async-block", "async-expr", "then"])
        if style == "async-block":
            w.open("const resolved = await Promise.all(")
            w.open("ids.map(async (id) => {")
            w.mark("n+1-fanout-%s" % lib, True)
            w.l("const owner = await %s;" % q_find_unique(lib, h, o, "id"))
            w.l("return [id, %s] as const;" % one_of(lib, "owner").replace("(owner).rows[0] ?? null", "owner.rows[0] ?? null"))
            w.close("}),")
            w.close(");")
        elif style == "async-expr":
            w.open("const resolved = await Promise.all(")
            w.mark("n+1-fanout-%s" % lib, True, offset=1)
            w.l("ids.map(async (id) =>")
            w.l("  [id, %s] as const," % one_of(lib, "await " + q_find_unique(lib, h, o, "id")))
            w.l("),")
            w.close(");")
        else:
            w.open("const resolved = await Promise.all(")
            w.open("ids.map((id) =>")
            w.mark("n+1-fanout-%s" % lib, True)
            w.l("%s.then((owner) => [id, %s] as const)," % (q_find_unique(lib, h, o, "id"),
                                                           "owner.rows[0] ?? null" if lib == "pg" else "owner ?? null"))
            w.close("),")
            w.close(");")
        w.l("return new Map(resolved as Array<readonly [string, %s | null]>);" % o.P)
        w.close()
        return None

    def s_batched(self, w, lib, e, aspect, others, **_):
        """The fixed version: one query with IN, then a Map. Must not be reported."""
        h = self.handle(lib)
        o = others[1]
        n = w.uniq("load%sByIds" % plural(o.P))
        w.l("// One round trip for the whole page (was an N+1 before #%d)." % self.rng.randint(100, 4000))
        w.open("export async function %s(ids: string[]): Promise<Map<string, %s>> {" % (n, o.P))
        w.l("if (ids.length === 0) return new Map();")
        w.mark("batched-%s" % lib, False)
        w.l("const rows = %s;" % rows_of(lib, "await " + q_find_in(lib, h, o, "[...new Set(ids)]")))
        w.l("const byId = new Map<string, %s>();" % o.P)
        w.open("for (const row of rows as %s[]) {" % o.P)
        w.l("byId.set(row.id, row);")
        w.close()
        w.l("return byId;")
        w.close()
        return None

    def s_helper_loop(self, w, lib, e, aspect, deps, **_):
        """Loop calling a helper (same file or imported) that queries: interprocedural N+1."""
        r = self.rng
        cands = [d for d in deps if d[2] == "byId"]
        n = w.uniq("collect%sSnapshots" % e.P)
        if cands and r.random() < 0.7:
            imp, fname, _, fe = r.choice(cands)
            w.l("// %s lives in another module; it queries once per call." % fname)
            w.open("export async function %s(ids: string[]): Promise<Array<%s | null>> {" % (n, fe.P))
            w.l("const snapshots: Array<%s | null> = [];" % fe.P)
            w.open("for (const id of ids) {")
            w.mark("helper-n+1-cross-file", True)
            w.l("snapshots.push(await %s(id));" % fname)
            w.close()
            w.l("return snapshots;")
            w.close()
        else:
            getter = [x for x in w.names if x.startswith("get%sFor" % e.P)]
            if not getter:
                return None
            w.open("export async function %s(ids: string[]): Promise<%s[]> {" % (n, e.P))
            w.mark("helper-n+1-same-file", True, offset=1)
            w.l("const loaded = await Promise.all(")
            w.l("  ids.map((id) => %s(id)),"  % sorted(getter)[0])
            w.l(");")
            w.l("return loaded.filter((x): x is %s => x !== null);" % e.P)
            w.close()
        return None

    def s_literal_loop(self, w, lib, e, aspect, **_):
        """Loop over a short literal list: must not be reported."""
        h = self.handle(lib)
        f = e.pick_field(self.rng, ["enum"])
        if not f:
            return None
        vals = f[1][5:].split(",")
        n = w.uniq("count%sBy%s" % (plural(e.P), pascal(f[0])))
        w.open("export async function %s(): Promise<Record<string, number>> {" % n)
        w.l("const counts: Record<string, number> = {};")
        w.l("// a fixed handful of statuses: %d small queries, not an N+1" % len(vals))
        w.open("for (const value of [%s] as const) {" % ", ".join("'%s'" % v for v in vals))
        w.mark("literal-list-loop-%s" % lib, False)
        if lib == "prisma":
            w.l("counts[value] = await %s;" % q_count(lib, h, e, f[0], "value"))
        elif lib == "drizzle":
            w.l("const [row] = await %s;" % q_count(lib, h, e, f[0], "value"))
            w.l("counts[value] = Number(row?.n ?? 0);")
        else:
            w.l("const result = await %s;" % q_count(lib, h, e, f[0], "value"))
            w.l("counts[value] = Number(result.rows[0]?.n ?? 0);")
        w.close()
        w.l("return counts;")
        w.close()
        return None

    def s_create_validated(self, w, lib, e, aspect, **_):
        r = self.rng
        h = self.handle(lib)
        n = w.uniq("create%s" % e.P)
        w.l("/** Validates and inserts a new %s. Throws on invalid input. */" % e.name)
        w.open("export async function %s(input: Partial<%s>, actorId: string): Promise<%s> {" % (n, e.P, e.P))
        w.l("const errors: string[] = [];")
        for (f, k) in e.fields[:3]:
            base = k.split(":")[0]
            if base == "str":
                w.l("if (typeof input.%s !== 'string' || input.%s.trim() === '') errors.push('%s is required');" % (f, f, f))
            elif base in ("int", "money"):
                w.l("if (input.%s !== undefined && (input.%s as number) < 0) errors.push('%s must be >= 0');" % (f, f, f))
        w.open("if (errors.length > 0) {")
        w.l("throw new Error(`invalid %s: ${errors.join(', ')}`);" % e.name)
        w.close()
        w.l("const data = { ...input, createdBy: actorId } as Record<string, unknown>;")
        if lib == "prisma":
            w.l("const created = await %s;" % q_create(lib, h, e, "data as Prisma.%sUncheckedCreateInput" % e.P))
            w.l("return created as unknown as %s;" % e.P)
        elif lib == "drizzle":
            w.l("const [created] = await %s;" % q_create(lib, h, e, "data as typeof %s.$inferInsert" % e.dz))
            w.l("return created as unknown as %s;" % e.P)
        else:
            w.l("const result = await %s;" % q_create(lib, h, e, "JSON.stringify(data)"))
            w.l("return { ...(data as object), id: String(result.oid) } as unknown as %s;" % e.P)
        w.close()
        return None

    def s_stats(self, w, lib, e, aspect, **_):
        """Plain computation: no DB."""
        r = self.rng
        f = e.pick_field(r, ["money", "int"]) or ("id", "str")
        n = w.uniq("summarize%s" % plural(e.P))
        w.l("export interface %sSummary%d {" % (e.P, len(w.lines)))
        w.ls("  count: number;", "  total: number;", "  average: number;", "  byMonth: Record<string, number>;", "}")
        w.l("")
        w.open("export function %s(rows: %s[]) {" % (n, e.P))
        w.l("const byMonth: Record<string, number> = {};")
        w.l("let total = 0;")
        w.open("for (const row of rows) {")
        if f[1] in ("money", "int"):
            w.l("const value = Number(row.%s ?? 0);" % f[0])
        else:
            w.l("const value = 1;")
        w.l("total += value;")
        w.l("const key = `${row.createdAt.getUTCFullYear()}-${String(row.createdAt.getUTCMonth() + 1).padStart(2, '0')}`;")
        w.l("byMonth[key] = (byMonth[key] ?? 0) + value;")
        w.close()
        w.open("return {")
        w.ls("count: rows.length,", "total,", "average: rows.length ? total / rows.length : 0,", "byMonth,")
        w.close("};")
        w.close()
        return None

    def s_transaction(self, w, lib, e, aspect, child, **_):
        r = self.rng
        n = w.uniq("archive%sWithChildren" % e.P)
        with_fetch = r.random() < 0.35
        w.open("export async function %s(id: string, actorId: string): Promise<void> {" % n)
        if lib == "prisma":
            w.open("await prisma.$transaction(async (tx) => {")
            w.l("const current = await tx.%s.findUnique({ where: { id } });" % e.name)
            w.l("if (!current) throw new Error('%s not found');" % e.name)
            if child.parent == e.name:
                w.l("await tx.%s.deleteMany({ where: { %s: id } });" % (child.name, child.fk))
            w.l("await tx.%s.update({ where: { id }, data: { updatedAt: new Date() } });" % e.name)
            w.l("await tx.auditLog.create({ data: { workspaceId: '', action: '%s.archive', actorId, target: id, ip: '' } });" % e.name)
            if with_fetch:
                w.l("// notify the integrations while the rows are still locked")
                w.mark("tx-with-fetch-prisma", True, rule="broad-transaction")
                w.open("await fetch(process.env.WEBHOOK_URL ?? 'http://localhost:9/hook', {")
                w.l("method: 'POST',")
                w.l("body: JSON.stringify({ type: '%s.archived', id }),"
                    % e.name)
                w.close("});")
            timeout = r.choice([5000, 10000, 15000])
            if timeout > 10000:
                w.mark("tx-timeout-over-10s", True, rule="broad-transaction")
            w.close("}, { timeout: %d });" % timeout)
        elif lib == "drizzle":
            w.open("await db.transaction(async (tx) => {")
            w.l("const [current] = await tx.select().from(%s).where(eq(%s.id, id));" % (e.dz, e.dz))
            w.l("if (!current) throw new Error('%s not found');" % e.name)
            w.l("await tx.update(%s).set({ updatedAt: new Date() }).where(eq(%s.id, id));" % (e.dz, e.dz))
            if with_fetch:
                w.mark("tx-with-fetch-drizzle", True, rule="broad-transaction")
                w.l("await fetch(`${process.env.SEARCH_URL}/index/%s/${id}`, { method: 'DELETE' });" % e.table)
            w.close("});")
        else:
            w.l("const client = await pool.connect();")
            w.open("try {")
            w.l("await client.query('BEGIN');")
            w.l("await client.query('UPDATE %s SET updated_at = now() WHERE id = $1', [id]);" % e.table)
            w.l("await client.query('INSERT INTO audit_logs (id, action, actor_id, target) VALUES ($1, $2, $3, $4)', [newId(), '%s.archive', actorId, id]);" % e.name)
            if with_fetch:
                w.mark("tx-with-fetch-pg", True, rule="broad-transaction")
                w.l("await fetch(process.env.WEBHOOK_URL ?? 'http://localhost:9/hook', { method: 'POST', body: id });")
            w.l("await client.query('COMMIT');")
            w.close("} catch (err) {")
            w.ind += 1
            w.l("await client.query('ROLLBACK');")
            w.l("throw err;")
            w.close("} finally {")
            w.ind += 1
            w.l("client.release();")
            w.close()
        w.close()
        return None

    def s_cross_call(self, w, lib, e, aspect, deps, **_):
        """Calls into other services outside loops: must not be reported."""
        cands = [d for d in deps if d[2] in ("byId", "list")]
        if not cands:
            return None
        imp, fname, kind, fe = self.rng.choice(cands)
        n = w.uniq("describe%sContext" % e.P)
        w.open("export async function %s(id: string): Promise<string> {" % n)
        if kind == "byId":
            w.l("const related = await %s(id);" % fname)
            w.l("if (!related) return 'unknown';")
            w.l("return `${related.id} (${related.createdAt.toISOString()})`;")
        else:
            w.l("const related = await %s(id, 10);" % fname)
            w.l("return related.map((r) => r.id).join(', ') || 'none';")
        w.close()
        return None

    def s_pg_checkout(self, w, lib, e, aspect, **_):
        """pg: checked-out connection, released in finally, or leaked on an early return / throw."""
        r = self.rng
        variant = r.choice(["finally", "finally", "no-finally", "early-return"])
        n = w.uniq("lock%sForUpdate" % e.P)
        w.open("export async function %s(id: string, patch: Record<string, unknown>): Promise<boolean> {" % n)
        if variant == "finally":
            w.mark("pg-checkout-finally", False, rule="missing-disconnect")
            w.l("const client: PoolClient = await pool.connect();")
            w.open("try {")
            w.l("const { rows } = await client.query('SELECT id FROM %s WHERE id = $1 FOR UPDATE', [id]);" % e.table)
            w.l("if (rows.length === 0) return false;")
            w.l("await client.query('UPDATE %s SET data = data || $1 WHERE id = $2', [JSON.stringify(patch), id]);" % e.table)
            w.l("return true;")
            w.close("} finally {")
            w.ind += 1
            w.l("client.release();")
            w.close()
        elif variant == "no-finally":
            w.mark("pg-checkout-no-finally", True, rule="missing-disconnect")
            w.l("const client = await pool.connect();")
            w.l("// FIXME: throws leak the connection")
            w.l("const { rowCount } = await client.query('UPDATE %s SET data = data || $1 WHERE id = $2', [JSON.stringify(patch), id]);" % e.table)
            w.l("client.release();")
            w.l("return (rowCount ?? 0) > 0;")
        else:
            w.mark("pg-checkout-early-return", True, rule="missing-disconnect")
            w.l("const client = await pool.connect();")
            w.l("const existing = await client.query('SELECT id FROM %s WHERE id = $1', [id]);" % e.table)
            w.open("if (existing.rowCount === 0) {")
            w.l("return false;")
            w.close()
            w.l("await client.query('UPDATE %s SET data = data || $1 WHERE id = $2', [JSON.stringify(patch), id]);" % e.table)
            w.l("client.release();")
            w.l("return true;")
        w.close()
        return None

    def s_mapper(self, w, lib, e, aspect, **_):
        n = w.uniq("to%sDto" % e.P)
        w.l("/** Shapes a %s for the public API (no internal columns). */" % e.name)
        w.open("export function %s(row: %s) {" % (n, e.P))
        w.open("return {")
        w.l("id: row.id,")
        for (f, k) in e.fields:
            if k == "date":
                w.l("%s: row.%s ? row.%s.toISOString() : null," % (f, f, f))
            elif f in ("secret", "hashedKey"):
                continue
            else:
                w.l("%s: row.%s," % (f, f))
        w.l("createdAt: row.createdAt.toISOString(),")
        w.close("};")
        w.close()
        return None

    def s_paginate_batches(self, w, lib, e, aspect, **_):
        """Keyset-paginated batch loop: a query per batch of 500 (reported today; arguably fine)."""
        h = self.handle(lib)
        n = w.uniq("forEach%sBatch" % e.P)
        w.open("export async function %s(fn: (batch: %s[]) => Promise<void>): Promise<number> {" % (n, e.P))
        w.l("let cursor: string | undefined;")
        w.l("let seen = 0;")
        w.open("for (;;) {")
        w.mark("paginated-batch-loop-%s" % lib, None)
        if lib == "prisma":
            w.l("const batch = (await prisma.%s.findMany({ take: 500, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}), orderBy: { id: 'asc' } })) as %s[];" % (e.name, e.P))
        elif lib == "drizzle":
            w.l("const batch = (await db.select().from(%s).where(cursor ? sql`${%s.id} > ${cursor}` : undefined).orderBy(%s.id).limit(500)) as %s[];" % (e.dz, e.dz, e.dz, e.P))
        else:
            w.l("const batch = (await pool.query<%sRow>('SELECT * FROM %s WHERE id > $1 ORDER BY id LIMIT 500', [cursor ?? ''])).rows;" % (e.P, e.table))
        w.l("if (batch.length === 0) break;")
        w.l("await fn(batch);")
        w.l("seen += batch.length;")
        w.l("cursor = batch[batch.length - 1].id;")
        w.close()
        w.l("return seen;")
        w.close()
        return None

    def s_class(self, w, lib, e, aspect, **_):
        """A repository class holding the client in a field."""
        h = self.handle(lib)
        cn = w.uniq("%s%sRepository" % (e.P, pascal(aspect)))
        w.open("export class %s {" % cn)
        htype = {"prisma": "typeof prisma", "drizzle": "typeof db", "pg": "typeof pool"}[lib]
        w.l("constructor(private readonly client: %s = %s) {}" % (htype, h))
        w.l("")
        w.open("async byId(id: string): Promise<%s | null> {" % e.P)
        w.l("return %s as %s | null;" % (one_of(lib, "await " + q_find_unique(lib, "this.client", e, "id")), e.P))
        w.close()
        w.l("")
        w.open("async touchAll(ids: string[]): Promise<void> {")
        w.open("for (const id of ids) {")
        w.mark("n+1-class-field-%s" % lib, True)
        w.l("await %s;" % q_update(lib, "this.client", e, "id", "updatedAt", "new Date()"))
        w.close()
        w.close()
        w.close()
        return None

    # ---------------------------------------------------------------------------- API routes
    def gen_api_route(self, idx):
        r = self.rng
        e = ENT[idx % len(ENT)]
        variant = idx // len(ENT)
        seg = plural(e.kebab)
        sub = ["", "[id]", "bulk", "export", "stats", "search", "sync", "import", "summary", "recent",
               "archive", "owners"][variant % 12]
        rnd = variant // 12
        parts = ["src/app/api"] + (["v%d" % (rnd + 1)] if rnd else []) + [seg] + ([sub] if sub else []) + ["route.ts"]
        path = "/".join(parts)
        lib = r.choices(["prisma", "drizzle"], [0.7, 0.3])[0]
        h = self.handle(lib)
        w = W(path)
        target = self.target_lines(200)
        self.header(w, "%s %s%s" % ("/".join(parts[2:-1]), "API for " + plural(e.name), " (%s)" % sub if sub else ""))
        w.l("import { NextRequest, NextResponse } from 'next/server';")
        w.l("import { z } from 'zod';")
        if lib == "prisma":
            w.l("import { prisma } from '@/lib/prisma';")
        else:
            w.l("import { db } from '@/lib/db';")
            w.l("import { %s } from '@/db/schema';" % e.dz)
            w.l("import { and, desc, eq, inArray } from 'drizzle-orm';")
        w.l("import { getSession, unauthorized } from '@/lib/auth';")
        w.l("import type { %s } from '@/types/%s';" % (e.P, e.kebab))
        svc = [s for s in self.services if s["fns"]]
        deps = []
        for s in r.sample(svc, min(len(svc), r.randint(1, 3))):
            fn = r.choice(s["fns"])
            if fn[0] in w.names:
                continue
            w.names.add(fn[0])
            deps.append(fn)
            w.l("import { %s } from '%s';" % (fn[0], s["import"]))
        if self.utils:
            u = r.choice(self.utils)
            pp = [f for f in u["fns"] if f[0] == "parse"]
            pager = pp[0][1] if pp else None
            if pager:
                w.l("import { %s } from '%s';" % (pager, u["import"]))
        else:
            pager = None
        w.l("")
        w.l("export const dynamic = 'force-dynamic';")
        w.l("")
        sch = w.uniq("%sInput" % e.name)
        w.open("const %s = z.object({" % sch)
        for (f, k) in e.fields:
            base = k.split(":")[0]
            zt = {"str": "z.string().min(1).max(500)", "int": "z.number().int().nonnegative()",
                  "money": "z.number().int()", "bool": "z.boolean()", "date": "z.coerce.date().nullable()",
                  "json": "z.record(z.unknown())"}.get(base)
            if base == "enum":
                zt = "z.enum([%s])" % ", ".join("'%s'" % v for v in k[5:].split(","))
            w.l("%s: %s.optional()," % (f, zt))
        w.close("});")
        w.l("")
        methods = ["GET", "POST"] + (["PATCH", "DELETE"] if sub == "[id]" else [])
        for m in methods:
            self.api_handler(w, m, lib, e, sub, deps, pager, sch)
            w.l("")
        extra = [self.api_query_schema, self.api_rate_limit, self.api_error_mapper, self.api_etag,
                 self.api_helper_enrich, self.api_helper_serialize, self.api_helper_filter]
        r.shuffle(extra)
        i = 0
        while len(w.lines) < target:
            extra[i % len(extra)](w, lib, e, deps)
            w.l("")
            i += 1
        self.emit(w)

    def api_handler(self, w, m, lib, e, sub, deps, pager, sch):
        r = self.rng
        h = self.handle(lib)
        ctx = ", { params }: { params: { id: string } }" if sub == "[id]" else ""
        w.open("export async function %s(req: NextRequest%s) {" % (m, ctx))
        w.l("const session = await getSession();")
        w.l("if (!session) return unauthorized();")
        if m == "GET":
            if pager:
                w.l("const { limit, cursor } = %s(req.nextUrl.searchParams);" % pager)
            else:
                w.l("const limit = Math.min(Number(req.nextUrl.searchParams.get('limit') ?? 25), 100);")
                w.l("const cursor = req.nextUrl.searchParams.get('cursor');")
            if lib == "prisma":
                w.open("const rows = await prisma.%s.findMany({" % e.name)
                if e.fk:
                    w.l("where: { %s: req.nextUrl.searchParams.get('%s') ?? undefined }," % (e.fk, e.fk))
                w.l("take: limit + 1,")
                w.l("...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),")
                w.l("orderBy: { createdAt: 'desc' },")
                w.close("});")
            else:
                w.l("const rows = await db.select().from(%s).orderBy(desc(%s.createdAt)).limit(limit + 1);" % (e.dz, e.dz))
            shape = r.random()
            if shape < 0.25 and e.parent:
                pe = BY_NAME[e.parent]
                w.l("// attach the parent for the list view")
                w.open("const withParent = await Promise.all(")
                w.open("rows.map(async (row) => {")
                w.mark("api-n+1-fanout-%s" % lib, True)
                if lib == "prisma":
                    w.l("const parent = await prisma.%s.findUnique({ where: { id: row.%s } });" % (pe.name, e.fk))
                else:
                    w.l("const parent = await db.query.%s.findFirst({ where: (t, { eq }) => eq(t.id, row.%s) });" % (pe.dz, e.fk))
                w.l("return { ...row, %s: parent };" % pe.name)
                w.close("}),")
                w.close(");")
                w.l("const items = withParent.slice(0, limit);")
            elif shape < 0.4 and deps:
                fn = r.choice(deps)
                w.l("const items = rows.slice(0, limit);")
                w.l("const details: unknown[] = [];")
                w.open("for (const row of items) {")
                w.mark("api-helper-n+1", True)
                if fn[1] == "byId":
                    w.l("details.push(await %s(row.id));" % fn[0])
                else:
                    w.l("details.push(await %s(row.id, 5));" % fn[0])
                w.close()
            else:
                w.l("const items = rows.slice(0, limit);")
            w.l("const nextCursor = rows.length > limit ? rows[limit].id : null;")
            w.l("return NextResponse.json({ items, nextCursor });")
        elif m == "POST":
            w.l("const body = await req.json().catch(() => null);")
            w.l("const parsed = %s.safeParse(body);" % sch)
            w.open("if (!parsed.success) {")
            w.l("return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });")
            w.close()
            if sub == "bulk" or r.random() < 0.2:
                w.l("const entries = Array.isArray(body?.items) ? (body.items as Array<Record<string, unknown>>) : [];")
                w.l("const created: string[] = [];")
                w.open("for (const entry of entries) {")
                w.mark("api-bulk-create-loop-%s" % lib, True)
                if lib == "prisma":
                    w.l("const row = await prisma.%s.create({ data: { ...parsed.data, ...entry } as never });" % e.name)
                    w.l("created.push(row.id);")
                else:
                    w.l("const [row] = await db.insert(%s).values({ ...parsed.data, ...entry } as never).returning({ id: %s.id });" % (e.dz, e.dz))
                    w.l("created.push(row.id);")
                w.close()
                w.l("return NextResponse.json({ created }, { status: 201 });")
            else:
                if lib == "prisma":
                    if r.random() < 0.3:
                        w.open("const row = await prisma.$transaction(async (tx) => {")
                        w.l("const created = await tx.%s.create({ data: parsed.data as never });" % e.name)
                        w.l("await tx.auditLog.create({ data: { workspaceId: session.workspaceId, action: '%s.create', actorId: session.userId, target: created.id, ip: req.ip ?? '' } });" % e.name)
                        if r.random() < 0.4:
                            w.mark("api-tx-with-fetch", True, rule="broad-transaction")
                            w.l("await fetch(`${process.env.HOOKS_URL}/%s`, { method: 'POST', body: JSON.stringify(created) });" % e.table)
                        w.l("return created;")
                        w.close("});")
                    else:
                        w.l("const row = await prisma.%s.create({ data: parsed.data as never });" % e.name)
                else:
                    w.l("const [row] = await db.insert(%s).values(parsed.data as never).returning();" % e.dz)
                w.l("return NextResponse.json(row, { status: 201 });")
        elif m == "PATCH":
            w.l("const parsed = %s.partial().safeParse(await req.json());" % sch)
            w.l("if (!parsed.success) return NextResponse.json({ error: 'invalid' }, { status: 400 });")
            if lib == "prisma":
                w.l("const row = await prisma.%s.update({ where: { id: params.id }, data: parsed.data as never });" % e.name)
            else:
                w.l("const [row] = await db.update(%s).set(parsed.data as never).where(eq(%s.id, params.id)).returning();" % (e.dz, e.dz))
            w.l("return NextResponse.json(row);")
        else:
            if lib == "prisma":
                w.l("await prisma.%s.delete({ where: { id: params.id } });" % e.name)
            else:
                w.l("await db.delete(%s).where(eq(%s.id, params.id));" % (e.dz, e.dz))
            w.l("return new NextResponse(null, { status: 204 });")
        w.close()

    def api_query_schema(self, w, lib, e, deps):
        n = w.uniq("listQuery")
        w.l("// query-string filters accepted by the list endpoint")
        w.open("const %s = z.object({" % n)
        w.l("q: z.string().max(200).optional(),")
        w.l("sort: z.enum(['createdAt', %s]).default('createdAt')," % ", ".join("'%s'" % f for f, _ in e.fields[:3]))
        w.l("order: z.enum(['asc', 'desc']).default('desc'),")
        w.l("from: z.coerce.date().optional(),")
        w.l("to: z.coerce.date().optional(),")
        for (f, k) in e.fields:
            if k.startswith("enum:"):
                w.l("%s: z.enum([%s]).optional()," % (f, ", ".join("'%s'" % v for v in k[5:].split(","))))
        w.close("});")
        w.l("")
        p = w.uniq("parseListQuery")
        w.open("function %s(params: URLSearchParams) {" % p)
        w.l("const raw = Object.fromEntries(params.entries());")
        w.l("const parsed = %s.safeParse(raw);" % n)
        w.open("if (!parsed.success) {")
        w.l("return { ok: false as const, error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };")
        w.close()
        w.open("if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) {")
        w.l("return { ok: false as const, error: ['from must be before to'] };")
        w.close()
        w.l("return { ok: true as const, value: parsed.data };")
        w.close()

    def api_rate_limit(self, w, lib, e, deps):
        b = w.uniq("buckets")
        n = w.uniq("takeToken")
        w.l("// best-effort per-instance limiter; the edge middleware does the real limiting")
        w.l("const %s = new Map<string, { tokens: number; refilledAt: number }>();" % b)
        w.l("")
        w.open("function %s(key: string, capacity = 60, perSecond = 1): boolean {" % n)
        w.l("const now = Date.now();")
        w.l("const bucket = %s.get(key) ?? { tokens: capacity, refilledAt: now };" % b)
        w.l("const elapsed = (now - bucket.refilledAt) / 1000;")
        w.l("bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond);")
        w.l("bucket.refilledAt = now;")
        w.open("if (bucket.tokens < 1) {")
        w.l("%s.set(key, bucket);" % b)
        w.l("return false;")
        w.close()
        w.l("bucket.tokens -= 1;")
        w.l("%s.set(key, bucket);" % b)
        w.l("return true;")
        w.close()

    def api_error_mapper(self, w, lib, e, deps):
        n = w.uniq("toErrorResponse")
        w.open("function %s(err: unknown): NextResponse {" % n)
        w.l("const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';")
        w.open("switch (code) {")
        w.l("case 'P2002':")
        w.l("case '23505':")
        w.l("  return NextResponse.json({ error: '%s already exists' }, { status: 409 });" % e.name)
        w.l("case 'P2025':")
        w.l("  return NextResponse.json({ error: '%s not found' }, { status: 404 });" % e.name)
        w.l("case 'P2024':")
        w.l("  return NextResponse.json({ error: 'database busy, retry later' }, { status: 503 });")
        w.l("default:")
        w.l("  console.error('[api/%s]', err);" % plural(e.kebab))
        w.l("  return NextResponse.json({ error: 'internal error' }, { status: 500 });")
        w.close()
        w.close()

    def api_etag(self, w, lib, e, deps):
        n = w.uniq("weakEtag")
        w.open("function %s(rows: Array<{ id: string; updatedAt: Date | string }>): string {" % n)
        w.l("let hash = 0;")
        w.open("for (const row of rows) {")
        w.l("const s = `${row.id}:${new Date(row.updatedAt).getTime()}`;")
        w.open("for (let i = 0; i < s.length; i++) {")
        w.l("hash = (hash * 31 + s.charCodeAt(i)) | 0;")
        w.close()
        w.close()
        w.l("return `W/\"${(hash >>> 0).toString(16)}-${rows.length}\"`;")
        w.close()

    def api_helper_enrich(self, w, lib, e, deps):
        n = w.uniq("withDisplayFields")
        w.open("function %s(row: %s) {" % (n, e.P))
        w.l("const ageDays = Math.floor((Date.now() - new Date(row.createdAt).getTime()) / 86_400_000);")
        w.open("return {")
        w.l("...row,")
        w.l("ageDays,")
        w.l("isNew: ageDays < 7,")
        w.l("label: `%s ${row.id.slice(0, 8)}`," % e.P)
        w.close("};")
        w.close()

    def api_helper_serialize(self, w, lib, e, deps):
        n = w.uniq("toCsvLine")
        cols = ["id"] + [f for f, _ in e.fields[:4]]
        w.open("function %s(row: %s): string {" % (n, e.P))
        w.l("const cells = [%s];" % ", ".join("row.%s" % c for c in cols))
        w.l("return cells")
        w.l("  .map((cell) => (cell === null || cell === undefined ? '' : String(cell)))")
        w.l("  .map((cell) => (/[\",\\n]/.test(cell) ? `\"${cell.replace(/\"/g, '\"\"')}\"` : cell))")
        w.l("  .join(',');")
        w.close()

    def api_helper_filter(self, w, lib, e, deps):
        n = w.uniq("matchesQuery")
        f = e.pick_field(self.rng, ["str"]) or ("id", "str")
        w.open("function %s(row: %s, q: string | null): boolean {" % (n, e.P))
        w.l("if (!q) return true;")
        w.l("const needle = q.trim().toLowerCase();")
        w.l("return String(row.%s ?? '').toLowerCase().includes(needle) || row.id.startsWith(needle);" % f[0])
        w.close()

    # ---------------------------------------------------------------------------- UI components
    def gen_component(self, idx):
        r = self.rng
        e = ENT[idx % len(ENT)]
        kind = UI_KINDS[(idx // len(ENT)) % len(UI_KINDS)]
        rnd = idx // (len(ENT) * len(UI_KINDS))
        name = "%s%s%s" % (e.P, kind, "" if rnd == 0 else str(rnd + 1))
        path = "src/components/%s/%s.tsx" % (e.kebab, name)
        w = W(path)
        target = self.target_lines(230)
        client = r.random() < 0.7
        if client:
            w.l("'use client';")
            w.l("")
        self.header(w, "<%s />: %s %s." % (name, e.name, kind.lower()))
        w.l("import { useCallback, useEffect, useMemo, useState, type ChangeEvent } from 'react';")
        w.l("import type { %s } from '@/types/%s';" % (e.P, e.kebab))
        siblings = [c for c in self.components if c["dir"] == e.kebab]
        used = []
        for c in r.sample(siblings, min(len(siblings), r.randint(0, 2))):
            w.l("import { %s } from './%s';" % (c["name"], c["name"]))
            used.append(c["name"])
        if self.utils and r.random() < 0.6:
            u = r.choice(self.utils)
            sfn = [f for f in u["fns"] if f[0] == "slug"]
            if sfn:
                w.l("import { %s } from '%s';" % (sfn[0][1], u["import"]))
                w.slug = sfn[0][1]
        w.l("")
        w.open("export interface %sProps {" % name)
        w.l("items?: %s[];" % e.P)
        w.l("selectedId?: string | null;")
        w.l("onSelect?: (item: %s) => void;" % e.P)
        w.l("compact?: boolean;")
        w.l("emptyMessage?: string;")
        w.close()
        w.l("")
        w.l("type SortKey = %s;" % " | ".join("'%s'" % f for f in ["createdAt"] + [f for f, _ in e.fields[:3]]))
        w.l("")
        # subcomponents
        subs = []
        while len(w.lines) < target * 0.55:
            sn = self.c_sub(w, e, r)
            subs.append(sn)
            w.l("")
        self.c_main(w, e, name, subs, used)
        w.l("")
        while len(w.lines) < target:
            self.c_sub(w, e, r)
            w.l("")
        self.emit(w)
        self.components.append({"dir": e.kebab, "name": name})

    def c_sub(self, w, e, r):
        counts = w.__dict__.setdefault("subcounts", {})
        kinds = [k for k in ["row", "empty", "toolbar", "badge", "stat", "hook", "columns", "form", "format"]
                 if counts.get(k, 0) < (1 if k in ("row", "empty", "toolbar", "columns", "hook") else 2)]
        if not kinds:
            kinds = ["format", "stat"]
        kind = r.choice(kinds)
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "hook":
            n = w.uniq("use%sSelection" % e.P)
            w.l("/** Keeps a set of selected %s ids, cleared when the list changes. */" % e.name)
            w.open("export function %s(items: %s[]) {" % (n, e.P))
            w.l("const [selected, setSelected] = useState<Set<string>>(() => new Set());")
            w.open("useEffect(() => {")
            w.l("setSelected((prev) => new Set([...prev].filter((id) => items.some((it) => it.id === id))));")
            w.close("}, [items]);")
            w.open("const toggle = useCallback((id: string) => {")
            w.open("setSelected((prev) => {")
            w.l("const next = new Set(prev);")
            w.l("if (next.has(id)) next.delete(id);")
            w.l("else next.add(id);")
            w.l("return next;")
            w.close("});")
            w.close("}, []);")
            w.l("const clear = useCallback(() => setSelected(new Set()), []);")
            w.l("return { selected, toggle, clear, count: selected.size };")
            w.close()
            return (kind, n)
        if kind == "columns":
            n = w.uniq("%s_COLUMNS" % snake(e.name).upper())
            w.open("const %s: Array<{ key: keyof %s; label: string; width?: number; align?: 'left' | 'right' }> = [" % (n, e.P))
            w.l("{ key: 'id', label: 'ID', width: 96 },")
            for (f, k) in e.fields:
                al = ", align: 'right'" if k in ("int", "money") else ""
                w.l("{ key: '%s', label: '%s'%s }," % (f, " ".join(x.capitalize() for x in kebab(f).split("-")), al))
            w.l("{ key: 'createdAt', label: 'Created', width: 140 },")
            w.close("];")
            return (kind, n)
        if kind == "form":
            n = w.uniq("%sQuickForm" % e.P)
            sf = [f for f, k in e.fields if k == "str"][:3] or ["id"]
            w.open("function %s({ onSubmit, busy }: { onSubmit: (values: Record<string, string>) => void; busy?: boolean }) {" % n)
            w.l("const [values, setValues] = useState<Record<string, string>>({});")
            w.l("const set = (key: string) => (ev: ChangeEvent<HTMLInputElement>) =>")
            w.l("  setValues((v) => ({ ...v, [key]: ev.target.value }));")
            w.open("return (")
            w.open("<form")
            w.l("className=\"grid gap-3\"")
            w.l("onSubmit={(ev) => {")
            w.l("  ev.preventDefault();")
            w.l("  onSubmit(values);")
            w.l("}}")
            w.close(">")
            w.ind += 1
            for f in sf:
                w.open("<label className=\"grid gap-1 text-sm\">")
                w.l("<span className=\"font-medium\">%s</span>" % " ".join(x.capitalize() for x in kebab(f).split("-")))
                w.l("<input name=\"%s\" value={values.%s ?? ''} onChange={set('%s')} className=\"rounded border px-2 py-1\" />" % (f, f, f))
                w.close("</label>")
            w.l("<button type=\"submit\" disabled={busy} className=\"rounded bg-black px-3 py-1.5 text-white disabled:opacity-50\">")
            w.l("  {busy ? 'Saving…' : 'Save'}")
            w.l("</button>")
            w.close("</form>")
            w.close(");")
            w.close()
            return (kind, n)
        if kind == "format":
            n = w.uniq("describe%s" % e.P)
            w.open("function %s(item: %s): string {" % (n, e.P))
            w.l("const parts: string[] = [];")
            for (f, k) in e.fields[:3]:
                if k == "date":
                    w.l("if (item.%s) parts.push(`%s ${new Date(item.%s).toLocaleDateString()}`);" % (f, f, f))
                elif k == "bool":
                    w.l("if (item.%s) parts.push('%s');" % (f, f))
                elif k == "json":
                    continue
                else:
                    w.l("parts.push(String(item.%s));" % f)
            w.l("return parts.join(' · ');")
            w.close()
            return (kind, n)
        if kind == "row":
            n = w.uniq("%sRow" % e.P)
            w.open("function %s({ item, active, onClick }: { item: %s; active: boolean; onClick: () => void }) {" % (n, e.P))
            w.open("return (")
            w.open("<tr")
            w.l("className={active ? 'bg-blue-50' : 'hover:bg-neutral-50'}")
            w.l("onClick={onClick}")
            w.l("aria-selected={active}")
            w.close(">")
            w.ind += 1
            w.l("<td className=\"px-3 py-2 font-mono text-xs\">{item.id.slice(0, 8)}</td>")
            for (f, k) in e.fields[:4]:
                if k == "bool":
                    w.l("<td className=\"px-3 py-2\">{item.%s ? 'Yes' : 'No'}</td>" % f)
                elif k == "date":
                    w.l("<td className=\"px-3 py-2\">{item.%s ? new Date(item.%s).toLocaleDateString() : '-'}</td>" % (f, f))
                elif k == "json":
                    w.l("<td className=\"px-3 py-2\">{Object.keys(item.%s ?? {}).length} keys</td>" % f)
                else:
                    w.l("<td className=\"px-3 py-2\">{String(item.%s)}</td>" % f)
            w.close("</tr>")
            w.close(");")
            w.close()
        elif kind == "empty":
            n = w.uniq("%sEmpty" % e.P)
            w.open("function %s({ message, onRetry }: { message: string; onRetry?: () => void }) {" % n)
            w.open("return (")
            w.open("<div className=\"flex flex-col items-center gap-2 rounded-lg border border-dashed p-8 text-center\">")
            w.l("<p className=\"text-sm text-neutral-500\">{message}</p>")
            w.open("{onRetry ? (")
            w.l("<button type=\"button\" className=\"text-sm underline\" onClick={onRetry}>")
            w.l("  Try again")
            w.l("</button>")
            w.close(") : null}")
            w.close("</div>")
            w.close(");")
            w.close()
        elif kind == "toolbar":
            n = w.uniq("%sToolbar" % e.P)
            w.open("function %s({ query, onQuery, sort, onSort }: { query: string; onQuery: (q: string) => void; sort: SortKey; onSort: (s: SortKey) => void }) {" % n)
            w.open("return (")
            w.open("<div className=\"flex items-center justify-between gap-3 border-b pb-3\">")
            w.open("<input")
            w.l("type=\"search\"")
            w.l("value={query}")
            w.l("placeholder=\"Search %s\"" % plural(e.name))
            w.l("onChange={(ev) => onQuery(ev.target.value)}")
            w.l("className=\"w-64 rounded border px-2 py-1 text-sm\"")
            w.close("/>")
            w.open("<select value={sort} onChange={(ev) => onSort(ev.target.value as SortKey)} className=\"rounded border px-2 py-1 text-sm\">")
            for f in ["createdAt"] + [f for f, _ in e.fields[:3]]:
                w.l("<option value=\"%s\">%s</option>" % (f, f))
            w.close("</select>")
            w.close("</div>")
            w.close(");")
            w.close()
        elif kind == "badge":
            n = w.uniq("%sStatusBadge" % e.P)
            ef = e.pick_field(r, ["enum"])
            vals = ef[1][5:].split(",") if ef else ["active", "inactive"]
            colors = ["bg-green-100 text-green-800", "bg-yellow-100 text-yellow-800", "bg-red-100 text-red-800",
                      "bg-neutral-100 text-neutral-700", "bg-blue-100 text-blue-800"]
            w.open("const %s_COLORS: Record<string, string> = {" % n.upper())
            for i, v in enumerate(vals):
                w.l("%s: '%s'," % (v, colors[i % len(colors)]))
            w.close("};")
            w.l("")
            w.open("function %s({ value }: { value: string }) {" % n)
            w.open("return (")
            w.l("<span className={`inline-flex rounded-full px-2 text-xs font-medium ${%s_COLORS[value] ?? 'bg-neutral-100'}`}>" % n.upper())
            w.l("  {value.replace(/_/g, ' ')}")
            w.l("</span>")
            w.close(");")
            w.close()
        else:
            n = w.uniq("%sStat" % e.P)
            w.open("function %s({ label, value, delta }: { label: string; value: number; delta?: number }) {" % n)
            w.l("const positive = (delta ?? 0) >= 0;")
            w.open("return (")
            w.open("<div className=\"rounded-lg border p-4\">")
            w.l("<div className=\"text-xs uppercase tracking-wide text-neutral-500\">{label}</div>")
            w.l("<div className=\"mt-1 text-2xl font-semibold\">{value.toLocaleString()}</div>")
            w.open("{delta !== undefined && (")
            w.l("<div className={positive ? 'text-green-600' : 'text-red-600'}>")
            w.l("  {positive ? '+' : ''}")
            w.l("  {delta.toFixed(1)}%")
            w.l("</div>")
            w.close(")}")
            w.close("</div>")
            w.close(");")
            w.close()
        return (kind, n)

    def c_main(self, w, e, name, subs, used):
        r = self.rng
        rows = [n for k, n in subs if k == "row"]
        empties = [n for k, n in subs if k == "empty"]
        toolbars = [n for k, n in subs if k == "toolbar"]
        stats = [n for k, n in subs if k == "stat"]
        w.open("export function %s({ items: initial, selectedId = null, onSelect, compact = false, emptyMessage = 'Nothing here yet.' }: %sProps) {" % (name, name))
        w.l("const [items, setItems] = useState<%s[]>(initial ?? []);" % e.P)
        w.l("const [loading, setLoading] = useState(!initial);")
        w.l("const [error, setError] = useState<string | null>(null);")
        w.l("const [query, setQuery] = useState('');")
        w.l("const [sort, setSort] = useState<SortKey>('createdAt');")
        w.l("")
        w.open("const load = useCallback(async () => {")
        w.l("setLoading(true);")
        w.open("try {")
        w.l("const res = await fetch('/api/%s?limit=100', { cache: 'no-store' });" % plural(e.kebab))
        w.l("if (!res.ok) throw new Error(`HTTP ${res.status}`);")
        w.l("const body = (await res.json()) as { items: %s[] };" % e.P)
        w.l("setItems(body.items);")
        w.l("setError(null);")
        w.close("} catch (err) {")
        w.ind += 1
        w.l("setError(err instanceof Error ? err.message : 'failed to load');")
        w.close("} finally {")
        w.ind += 1
        w.l("setLoading(false);")
        w.close()
        w.close("}, []);")
        w.l("")
        w.open("useEffect(() => {")
        w.l("if (!initial) void load();")
        w.close("}, [initial, load]);")
        w.l("")
        w.open("const visible = useMemo(() => {")
        w.l("const q = query.trim().toLowerCase();")
        w.l("const filtered = q ? items.filter((it) => JSON.stringify(it).toLowerCase().includes(q)) : items;")
        w.open("return [...filtered].sort((a, b) => {")
        w.l("const av = a[sort] as unknown as string | number;")
        w.l("const bv = b[sort] as unknown as string | number;")
        w.l("return av < bv ? 1 : av > bv ? -1 : 0;")
        w.close("});")
        w.close("}, [items, query, sort]);")
        w.l("")
        w.l("if (loading) return <div className=\"p-6 text-sm text-neutral-500\">Loading…</div>;")
        if empties:
            w.l("if (error) return <%s message={error} onRetry={load} />;" % empties[0])
            w.l("if (visible.length === 0) return <%s message={emptyMessage} />;" % empties[0])
        else:
            w.l("if (error) return <div role=\"alert\" className=\"p-6 text-sm text-red-600\">{error}</div>;")
            w.l("if (visible.length === 0) return <p className=\"p-6 text-sm\">{emptyMessage}</p>;")
        w.l("")
        w.open("return (")
        slug = getattr(w, "slug", None)
        if slug:
            w.open("<section id={%s('%s %s')} className={compact ? 'space-y-2' : 'space-y-4'}>" % (slug, e.name, name))
        else:
            w.open("<section className={compact ? 'space-y-2' : 'space-y-4'}>")
        if toolbars:
            w.l("<%s query={query} onQuery={setQuery} sort={sort} onSort={setSort} />" % toolbars[0])
        if stats:
            w.open("<div className=\"grid grid-cols-3 gap-3\">")
            w.l("<%s label=\"Total\" value={items.length} />" % stats[0])
            w.l("<%s label=\"Shown\" value={visible.length} delta={items.length ? (visible.length / items.length) * 100 - 100 : 0} />" % stats[0])
            w.close("</div>")
        for u in used:
            w.l("<%s items={visible.slice(0, 5)} compact />" % u)
        w.open("<table className=\"w-full text-left text-sm\">")
        w.open("<tbody>")
        if rows:
            w.open("{visible.map((item) => (")
            w.l("<%s key={item.id} item={item} active={item.id === selectedId} onClick={() => onSelect?.(item)} />" % rows[0])
            w.close("))}")
        else:
            w.open("{visible.map((item) => (")
            w.open("<tr key={item.id} onClick={() => onSelect?.(item)}>")
            w.l("<td className=\"px-3 py-2\">{item.id}</td>")
            w.l("<td className=\"px-3 py-2\">{new Date(item.createdAt).toLocaleString()}</td>")
            w.close("</tr>")
            w.close("))}")
        w.close("</tbody>")
        w.close("</table>")
        w.close("</section>")
        w.close(");")
        w.close()

    # ---------------------------------------------------------------------------- scripts
    def gen_script(self, idx):
        r = self.rng
        e = ENT[idx % len(ENT)]
        topic = SCRIPT_TOPICS[(idx // len(ENT)) % len(SCRIPT_TOPICS)]
        rnd = idx // (len(ENT) * len(SCRIPT_TOPICS))
        path = "scripts/%s-%s%s.ts" % (topic, plural(e.kebab), "" if rnd == 0 else "-%d" % (rnd + 1))
        w = W(path)
        target = self.target_lines(200)
        lib = r.choices(["prisma-own", "prisma-shared", "pg-client"], [0.5, 0.2, 0.3])[0]
        w.l("#!/usr/bin/env tsx")
        self.header(w, "One-off: %s %s. Run with `npx tsx %s` (reads DATABASE_URL)." % (topic, plural(e.name), path))
        ctor_line = None
        if lib == "prisma-own":
            w.l("import { PrismaClient } from '@prisma/client';")
            w.l("")
            ctor_line = len(w.lines) + 1
            w.l("const prisma = new PrismaClient();")
        elif lib == "prisma-shared":
            w.l("import { prisma } from '../src/lib/prisma';")
        else:
            w.l("import { Client } from 'pg';")
            w.l("")
            ctor_line = len(w.lines) + 1
            w.l("const client = new Client({ connectionString: process.env.DATABASE_URL });")
        w.l("")
        w.l("const DRY_RUN = process.argv.includes('--dry-run');")
        w.l("const BATCH = Number(process.env.BATCH ?? 500);")
        w.l("")
        w.l("function log(...args: unknown[]) {")
        w.l("  console.log(new Date().toISOString(), ...args);")
        w.l("}")
        w.l("")
        steps = []
        while len(w.lines) < target - 25:
            steps.append(self.script_step(w, lib, e, r))
            w.l("")
        w.open("async function main() {")
        if lib == "pg-client":
            w.l("await client.connect();")
        w.l("log('starting %s of %s', { DRY_RUN, BATCH });" % (topic, plural(e.name)))
        for s in steps:
            w.l("await %s();" % s)
        w.l("log('done');")
        w.close()
        w.l("")
        def mark_client(kind, expect):
            w.marks.append({"path": w.path, "line": ctor_line, "kind": kind, "rule": "missing-disconnect",
                            "expect": expect})
        if lib == "pg-client":
            mark_client("script-client-end-in-finally", False)
            w.l("main()")
            w.l("  .catch((err) => {")
            w.l("    console.error(err);")
            w.l("    process.exitCode = 1;")
            w.l("  })")
            w.l("  .finally(() => client.end());")
        elif r.random() < 0.8:
            if lib == "prisma-own":
                # process.exit() in .catch() skips .finally(); the OS closes the sockets on exit anyway
                mark_client("script-disconnect-finally-after-exit", None)
            w.l("main()")
            w.l("  .catch((err) => {")
            w.l("    console.error(err);")
            w.l("    process.exit(1);")
            w.l("  })")
            w.l("  .finally(async () => {")
            w.l("    await prisma.$disconnect();")
            w.l("  });")
        else:
            if lib == "prisma-own":
                mark_client("script-never-disconnects", True)
            w.l("void main();")
        self.emit(w)

    def script_step(self, w, lib, e, r):
        n = w.uniq("step%s" % pascal(r.choice(["fix", "fill", "copy", "recount", "normalize", "verify"])))
        pg = lib == "pg-client"
        w.open("async function %s() {" % n)
        kind = r.choice(["seq", "seq", "batch", "fanout"])
        if pg:
            w.l("const { rows } = await client.query<{ id: string }>('SELECT id FROM %s WHERE updated_at < now() - interval \\'30 days\\'');" % e.table)
        else:
            w.l("const rows = await prisma.%s.findMany({ select: { id: true }, where: { updatedAt: { lt: new Date(Date.now() - 30 * 86_400_000) } } });" % e.name)
        w.l("log(`%s: ${rows.length} rows`);" % n)
        if kind == "seq":
            w.l("let done = 0;")
            w.open("for (const row of rows) {")
            w.l("if (DRY_RUN) continue;")
            w.mark("script-n+1-%s" % ("pg" if pg else "prisma"), True)
            if pg:
                w.l("await client.query('UPDATE %s SET updated_at = now() WHERE id = $1', [row.id]);" % e.table)
            else:
                w.l("await prisma.%s.update({ where: { id: row.id }, data: { updatedAt: new Date() } });" % e.name)
            w.l("if (++done %% BATCH === 0) log(`%s: ${done}/${rows.length}`);" % n)
            w.close()
        elif kind == "batch":
            w.open("for (let i = 0; i < rows.length; i += BATCH) {")
            w.l("const ids = rows.slice(i, i + BATCH).map((r) => r.id);")
            w.l("if (DRY_RUN) continue;")
            w.mark("script-chunked-batch-%s" % ("pg" if pg else "prisma"), None)
            if pg:
                w.l("await client.query('UPDATE %s SET updated_at = now() WHERE id = ANY($1)', [ids]);" % e.table)
            else:
                w.l("await prisma.%s.updateMany({ where: { id: { in: ids } }, data: { updatedAt: new Date() } });" % e.name)
            w.close()
        else:
            w.open("await Promise.all(")
            w.open("rows.map(async (row) => {")
            w.mark("script-fanout-%s" % ("pg" if pg else "prisma"), True)
            if pg:
                w.l("await client.query('SELECT pg_notify($1, $2)', ['%s', row.id]);" % e.table)
            else:
                w.l("await prisma.%s.update({ where: { id: row.id }, data: { updatedAt: new Date() } });" % e.name)
            w.close("}),")
            w.close(");")
        w.close()
        return n

    # ---------------------------------------------------------------------------- Express routers
    def gen_router(self, idx):
        r = self.rng
        e = ENT[idx % len(ENT)]
        rnd = idx // len(ENT)
        path = "src/server/routes/%s%s.router.ts" % (plural(e.kebab), "" if rnd == 0 else "-v%d" % (rnd + 1))
        w = W(path)
        target = self.target_lines(300)
        lib = r.choices(["pg", "prisma"], [0.65, 0.35])[0]
        self.header(w, "Express router for /%s (internal admin API)." % plural(e.kebab))
        w.l("import { Router, type NextFunction, type Request, type Response } from 'express';")
        if lib == "pg":
            w.l("import { pool } from '../../lib/pg';")
        else:
            w.l("import { prisma } from '../../lib/prisma';")
        w.l("import type { %s } from '../../types/%s';" % (e.P, e.kebab))
        pgsvc = [s for s in self.services if s["lib"] == lib and s["fns"]]
        deps = []
        if pgsvc:
            s = r.choice(pgsvc)
            fn = r.choice(s["fns"])
            w.l("import { %s } from '../../services/%s/%s';" % (fn[0], s["dir"], s["stem"]))
            deps.append(fn)
        w.l("")
        w.l("const router = Router();")
        w.l("")
        w.l("type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void>;")
        w.l("const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {")
        w.l("  fn(req, res, next).catch(next);")
        w.l("};")
        w.l("")
        first = [self.r_list, self.r_get, self.r_bulk, self.r_tx, self.r_checkout, self.r_stats]
        later = [self.r_list, self.r_get, self.r_patch, self.r_create, self.r_export, self.r_stats]
        r.shuffle(first)
        i = 0
        while len(w.lines) < target - 3:
            routes = first if i < len(first) else later
            routes[i % len(routes)](w, lib, e, deps, i)
            w.l("")
            i += 1
        w.l("export default router;")
        self.emit(w)

    def r_list(self, w, lib, e, deps, i):
        w.open("router.get('/%s', wrap(async (req, res) => {" % ("" if i == 0 else "page/%d" % i))
        w.l("const limit = Math.min(Number(req.query.limit ?? 50), 200);")
        w.l("const offset = Math.max(Number(req.query.offset ?? 0), 0);")
        if lib == "pg":
            w.l("const { rows } = await pool.query<%s>('SELECT * FROM %s ORDER BY created_at DESC LIMIT $1 OFFSET $2', [limit, offset]);" % (e.P, e.table))
        else:
            w.l("const rows = await prisma.%s.findMany({ take: limit, skip: offset, orderBy: { createdAt: 'desc' } });" % e.name)
        w.l("res.json({ items: rows, limit, offset });")
        w.close("}));")

    def r_get(self, w, lib, e, deps, i):
        w.open("router.get('/:id%s', wrap(async (req, res) => {" % ("" if i < 6 else "/v%d" % i))
        if deps and deps[0][1] == "byId":
            w.l("const row = await %s(req.params.id);" % deps[0][0])
        elif lib == "pg":
            w.l("const { rows: [row] } = await pool.query<%s>('SELECT * FROM %s WHERE id = $1', [req.params.id]);" % (e.P, e.table))
        else:
            w.l("const row = await prisma.%s.findUnique({ where: { id: req.params.id } });" % e.name)
        w.open("if (!row) {")
        w.l("res.status(404).json({ error: 'not found' });")
        w.l("return;")
        w.close()
        w.l("res.json(row);")
        w.close("}));")

    def r_bulk(self, w, lib, e, deps, i):
        w.open("router.post('/bulk-touch%s', wrap(async (req, res) => {" % ("" if i < 6 else "-%d" % i))
        w.l("const ids: string[] = Array.isArray(req.body?.ids) ? req.body.ids : [];")
        w.l("const results: Array<{ id: string; ok: boolean }> = [];")
        w.open("for (const id of ids) {")
        w.mark("express-n+1-%s" % lib, True)
        if lib == "pg":
            w.l("const { rowCount } = await pool.query('UPDATE %s SET updated_at = now() WHERE id = $1', [id]);" % e.table)
            w.l("results.push({ id, ok: (rowCount ?? 0) > 0 });")
        else:
            w.l("const row = await prisma.%s.update({ where: { id }, data: { updatedAt: new Date() } }).catch(() => null);" % e.name)
            w.l("results.push({ id, ok: row !== null });")
        w.close()
        w.l("res.json({ results });")
        w.close("}));")

    def r_tx(self, w, lib, e, deps, i):
        w.open("router.delete('/:id%s', wrap(async (req, res) => {" % ("" if i < 6 else "/v%d" % i))
        if lib == "pg":
            w.l("const client = await pool.connect();")
            w.open("try {")
            w.l("await client.query('BEGIN');")
            w.l("await client.query('DELETE FROM audit_logs WHERE target = $1', [req.params.id]);")
            w.l("await client.query('DELETE FROM %s WHERE id = $1', [req.params.id]);" % e.table)
            w.l("await client.query('COMMIT');")
            w.close("} catch (err) {")
            w.ind += 1
            w.l("await client.query('ROLLBACK');")
            w.l("throw err;")
            w.close("} finally {")
            w.ind += 1
            w.l("client.release();")
            w.close()
        else:
            w.open("await prisma.$transaction([")
            w.l("prisma.auditLog.deleteMany({ where: { target: req.params.id } }),")
            w.l("prisma.%s.delete({ where: { id: req.params.id } })," % e.name)
            w.close("]);")
        w.l("res.status(204).end();")
        w.close("}));")

    def r_checkout(self, w, lib, e, deps, i):
        if lib != "pg":
            return self.r_stats(w, lib, e, deps, i)
        leak = self.rng.random() < 0.4
        w.open("router.post('/:id/recompute%s', wrap(async (req, res) => {" % ("" if i < 6 else "-%d" % i))
        w.mark("express-checkout-%s" % ("leak" if leak else "ok"), True if leak else False, rule="missing-disconnect")
        w.l("const client = await pool.connect();")
        if leak:
            w.l("const { rows } = await client.query('SELECT id FROM %s WHERE id = $1', [req.params.id]);" % e.table)
            w.open("if (rows.length === 0) {")
            w.l("res.status(404).json({ error: 'not found' });")
            w.l("return; // connection never released")
            w.close()
            w.l("await client.query('UPDATE %s SET updated_at = now() WHERE id = $1', [req.params.id]);" % e.table)
            w.l("client.release();")
        else:
            w.open("try {")
            w.l("await client.query('UPDATE %s SET updated_at = now() WHERE id = $1', [req.params.id]);" % e.table)
            w.close("} finally {")
            w.ind += 1
            w.l("client.release();")
            w.close()
        w.l("res.json({ ok: true });")
        w.close("}));")

    def r_patch(self, w, lib, e, deps, i):
        fields = [f for f, k in e.fields if k.split(":")[0] in ("str", "int", "bool", "money", "enum")][:4]
        w.open("router.patch('/:id%s', wrap(async (req, res) => {" % ("" if i < 6 else "/v%d" % i))
        w.l("const allowed = [%s] as const;" % ", ".join("'%s'" % f for f in fields))
        w.l("const patch: Record<string, unknown> = {};")
        w.open("for (const key of allowed) {")
        w.l("if (key in (req.body ?? {})) patch[key] = req.body[key];")
        w.close()
        w.open("if (Object.keys(patch).length === 0) {")
        w.l("res.status(400).json({ error: 'nothing to update' });")
        w.l("return;")
        w.close()
        if lib == "pg":
            w.l("const sets = Object.keys(patch).map((k, idx) => `${k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())} = $${idx + 2}`);")
            w.l("const { rows } = await pool.query<%s>(`UPDATE %s SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING *`, [req.params.id, ...Object.values(patch)]);" % (e.P, e.table))
            w.l("res.json(rows[0] ?? null);")
        else:
            w.l("const row = await prisma.%s.update({ where: { id: req.params.id }, data: patch });" % e.name)
            w.l("res.json(row);")
        w.close("}));")

    def r_create(self, w, lib, e, deps, i):
        w.open("router.post('/%s', wrap(async (req, res) => {" % ("" if i < 6 else "v%d" % i))
        w.l("const body = (req.body ?? {}) as Partial<%s>;" % e.P)
        req_f = [f for f, k in e.fields if k == "str"][:2]
        for f in req_f:
            w.open("if (typeof body.%s !== 'string' || body.%s.length === 0) {" % (f, f))
            w.l("res.status(422).json({ error: '%s is required' });" % f)
            w.l("return;")
            w.close()
        if lib == "pg":
            w.l("const { rows } = await pool.query<%s>('INSERT INTO %s (data) VALUES ($1) RETURNING *', [JSON.stringify(body)]);" % (e.P, e.table))
            w.l("res.status(201).json(rows[0]);")
        else:
            w.l("const row = await prisma.%s.create({ data: body as never });" % e.name)
            w.l("res.status(201).json(row);")
        w.close("}));")

    def r_export(self, w, lib, e, deps, i):
        cols = ["id"] + [f for f, _ in e.fields[:4]] + ["createdAt"]
        w.open("router.get('/export%s.csv', wrap(async (_req, res) => {" % ("" if i < 6 else "-%d" % i))
        if lib == "pg":
            w.l("const { rows } = await pool.query<%s>('SELECT * FROM %s ORDER BY created_at DESC LIMIT 10000');" % (e.P, e.table))
        else:
            w.l("const rows = await prisma.%s.findMany({ orderBy: { createdAt: 'desc' }, take: 10_000 });" % e.name)
        w.l("res.setHeader('content-type', 'text/csv; charset=utf-8');")
        w.l("res.setHeader('content-disposition', 'attachment; filename=\"%s.csv\"');" % e.table)
        w.l("res.write('%s\\n');" % ",".join(cols))
        w.open("for (const row of rows) {")
        w.l("const cells = [%s].map((v) => (v === null || v === undefined ? '' : String(v).replace(/\"/g, '\"\"')));" % ", ".join("row.%s" % c for c in cols))
        w.l("res.write(cells.map((c) => `\"${c}\"`).join(',') + '\\n');")
        w.close()
        w.l("res.end();")
        w.close("}));")

    def r_stats(self, w, lib, e, deps, i):
        w.open("router.get('/stats/summary%s', wrap(async (_req, res) => {" % ("" if i < 6 else "-%d" % i))
        if lib == "pg":
            w.l("const { rows } = await pool.query<{ day: string; n: string }>(")
            w.l("  `SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM %s GROUP BY 1 ORDER BY 1 DESC LIMIT 30`," % e.table)
            w.l(");")
            w.l("const series = rows.map((r) => ({ day: r.day, count: Number(r.n) }));")
        else:
            w.l("const grouped = await prisma.%s.groupBy({ by: ['createdAt'], _count: { _all: true }, take: 30, orderBy: { createdAt: 'desc' } });" % e.name)
            w.l("const series = grouped.map((g) => ({ day: g.createdAt, count: g._count._all }));")
        w.l("const total = series.reduce((acc, p) => acc + p.count, 0);")
        w.l("res.json({ series, total });")
        w.close("}));")

    def gen_server_app(self):
        routers = sorted(p for p in self.files if p.startswith("src/server/routes/"))
        w = W("src/server/app.ts")
        w.l("// Internal admin API server (Express), mounted behind the VPN.")
        w.l("import express from 'express';")
        for i, p in enumerate(routers):
            w.l("import router%d from './routes/%s';" % (i, p.split("/")[-1][:-3]))
        w.l("")
        w.l("const app = express();")
        w.l("app.use(express.json({ limit: '1mb' }));")
        for i, p in enumerate(routers):
            base = p.split("/")[-1].split(".")[0]
            w.l("app.use('/%s', router%d);" % (base, i))
        w.l("")
        w.l("const port = Number(process.env.PORT ?? 4000);")
        w.l("app.listen(port, () => console.log(`admin api on :${port}`));")
        self.emit(w)

    # ---------------------------------------------------------------------------- all
    def run(self):
        infra = self.infra()
        n = self.nfiles
        n_api = round(n * 0.20)
        n_svc = round(n * 0.15)
        n_util = round(n * 0.10)
        n_script = round(n * 0.05)
        n_router = round(n * 0.10)
        n_ui = n - n_api - n_svc - n_util - n_script - n_router - len(infra) - 1  # -1: src/server/app.ts
        if n_ui < 0:
            sys.exit("--files must be at least %d" % (len(infra) + 20))
        for i in range(n_util):
            self.gen_util(i)
        for i in range(n_svc):
            self.gen_service(i)
        for i in range(n_api):
            self.gen_api_route(i)
        for i in range(n_ui):
            self.gen_component(i)
        for i in range(n_script):
            self.gen_script(i)
        for i in range(n_router):
            self.gen_router(i)
        self.gen_server_app()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=2000, help="number of .ts/.tsx files (default 2000)")
    ap.add_argument("--out", required=True, help="output directory (created; must be empty or absent)")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    ap.add_argument("--force", action="store_true", help="write even if --out is not empty")
    a = ap.parse_args()
    if os.path.isdir(a.out) and os.listdir(a.out) and not a.force:
        sys.exit("%s is not empty (use --force)" % a.out)
    g = Gen(a.files, a.seed)
    g.run()
    total_lines = 0
    code_files = 0
    code_lines = 0
    for path in sorted(g.files):
        text = g.files[path]
        full = os.path.join(a.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        nl = text.count("\n")
        total_lines += nl
        if path.endswith((".ts", ".tsx")):
            code_files += 1
            code_lines += nl
    manifest = {"seed": a.seed, "files": code_files, "lines": code_lines,
                "note": "planted patterns; expect=true should be reported, false should not, null is debatable",
                "marks": sorted(g.marks, key=lambda m: (m["path"], m["line"]))}
    with open(os.path.join(a.out, "connlint-bench-manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")
    print("wrote %d files (%d .ts/.tsx, %d lines of TypeScript; %d lines in all) to %s"
          % (len(g.files), code_files, code_lines, total_lines, a.out))


if __name__ == "__main__":
    main()
