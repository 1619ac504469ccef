// ESLint (flat config): typescript-eslint's type-checked rules, React's hook rules, accessibility
// rules for JSX, one import order, and the layering rules of STYLE.md §8 — imports point down:
// routes → route helpers (app/server/, app/session.server.ts) → models → db; app/utils/ at the
// bottom imports none of the app's own layers; no import cycles. Decision 0011 says why.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Everything above app/utils/ in the layering: a helper in utils/ imports none of it. */
const ABOVE_UTILS = [
  "./app/models",
  "./app/server",
  "./app/session.server.ts",
  "./app/db.server.ts",
  "./db",
  "./app/routes",
  "./app/components",
  "./app/root.tsx",
  "./app/entry.server.tsx",
  "./app/entry.client.tsx",
];

export default tseslint.config(
  {
    // anonymiser-rss.mjs is a plain Node script that measures the built server from outside; it is in no
    // TypeScript project, so the type-checked rules cannot read it.
    ignores: [
      "tests/bench/anonymiser-rss.mjs",
      "build/",
      "public/build/",
      ".cache/",
      "node_modules/",
      "data/",
      "tests/bench/results/",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      // Unused arguments named _x are deliberate (a signature Remix or a callback fixes).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // Remix loaders and actions throw Responses (`throw redirect(...)`, `throw data(...)`): that is
      // the framework's control flow, not an error object.
      "@typescript-eslint/only-throw-error": "off",
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", "parent", "sibling", "index"],
          pathGroups: [{ pattern: "~/**", group: "internal" }],
          "newlines-between": "never",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
      "import-x/no-duplicates": "error",
      // The forum refuses and strips control characters on purpose; its patterns have to name them.
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "import-x/no-cycle": "error",
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./app/utils",
              from: ABOVE_UTILS,
              message: "app/utils/ holds pure helpers that import none of the app's own layers (STYLE.md §8).",
            },
            {
              target: ["./app/components", "./app/utils", "./app/server", "./app/models"],
              from: "./app/routes",
              message: "Only Remix imports a route; share the type from the model or the component instead.",
            },
            {
              target: "./app/models",
              from: ["./app/server", "./app/session.server.ts", "./app/components"],
              message: "Models sit below the route helpers and the components: imports point down.",
            },
            {
              target: "./app/components",
              from: ["./app/server", "./app/session.server.ts", "./app/db.server.ts", "./db/database.ts"],
              message: "Components reach the browser; they take data from a loader, never from the server.",
            },
          ],
        },
      ],
      // Across folders app code is imported as ~/…; ../ only reaches db/, outside app/.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^\\.\\./(?!(\\.\\./)*(db|scripts|tests)/)",
              message: "Import app code as ~/folder/file (one style); ../ only leaves app/ (db/, and tests' fixtures).",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers and Playwright's evaluate results, typed any, whose shape the assertions
    // themselves check; typing each one would add casts, not safety.
    files: ["tests/**/*.ts", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // Migrations are frozen in time, so they take Kysely<any> as Kysely's guide says, never today's schema.
    // The engine helpers in db/dialect/ serve the migrations and the models alike, so they take any
    // database too; db/copy.ts copies whatever tables the source holds, by name.
    files: ["db/migrate.ts", "db/migrations/**", "db/dialect/**", "db/copy.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
