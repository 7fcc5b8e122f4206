// Lint rules, run by `npm run lint` inside the test command. Besides typescript-eslint and the
// React hooks rules, the module boundaries of docs/decisions/017-code-layout.md are enforced here:
// a forbidden import fails the test command, not a code review. So is the one configuration
// (docs/decisions/019-configuration.md): only app/config.server.ts reads process.env.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const appOrServer = [
  { group: ["**/app/**", "~/**"], message: "matching/ and media/ never import app/ (ADR 017)." },
  { group: ["**/server/**"], message: "matching/ and media/ never import server/ (ADR 017)." },
];
const databaseClient = [
  {
    group: ["~/db/*", "**/db/client.server*", "~/generated/**", "@prisma/*", "pg"],
    message: "Routes never touch the database: call a domain module (ADR 017).",
  },
];
const serverDir = { group: ["**/server/**"], message: "app/ never imports server/ (ADR 017)." };
const envMessage =
  "Read configuration through config() from app/config.server.ts (media/ and matching/ take values as parameters); ADR 019.";
const serverOnly = [
  {
    group: ["*.server", "*.server.ts", "**/*.server", "**/*.server.ts"],
    message: "Client code never imports *.server modules.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "build/",
      "node_modules/",
      "app/generated/",
      ".data/",
      ".tools/",
      ".cache/",
      "public/",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "no-empty": ["error", { allowEmptyCatch: false }],
      eqeqeq: ["error", "smart"],
    },
  },
  {
    files: ["app/**/*.tsx", "app/**/use-*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["matching/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...appOrServer,
            {
              group: ["@prisma/*", "@remix-run/*", "media/**", "**/media/**"],
              message: "matching/ is pure (ADR 010).",
            },
          ],
        },
      ],
    },
  },
  { files: ["media/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: appOrServer }] } },
  { files: ["app/**"], rules: { "no-restricted-imports": ["error", { patterns: [serverDir] }] } },
  {
    files: ["app/**", "server/**", "media/**", "scripts/**", "matching/**"],
    ignores: ["app/config.server.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: envMessage }],
      // The same through globalThis.process.env or `import { env } from "node:process"`.
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.property.name='process'][property.name='env']", message: envMessage },
        {
          selector: "ImportDeclaration[source.value=/^(node:)?process$/] ImportSpecifier[imported.name='env']",
          message: envMessage,
        },
      ],
    },
  },
  {
    files: ["app/routes/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...databaseClient, serverDir] }] },
  },
  {
    files: ["app/components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [...databaseClient, ...serverOnly, serverDir] }] },
  },
);
