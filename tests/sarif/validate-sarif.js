#!/usr/bin/env node
// Validates a SARIF log against the SARIF 2.1.0 JSON schema (draft-04) with Ajv.
//
//   node validate-sarif.js SCHEMA.json FILE.sarif
//
// Prints every error with its instance path. Exit status: 0 valid, 1 invalid (or not JSON),
// 2 usage error or unreadable schema.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

function readJson(file, what) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { error: `cannot read ${what} ${file}: ${e.message}` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `${what} ${file} is not valid JSON: ${e.message}` };
  }
}

function main(argv) {
  if (argv.length !== 2) {
    console.error('usage: node validate-sarif.js SCHEMA.json FILE.sarif');
    return 2;
  }
  const [schemaFile, sarifFile] = argv;

  const schema = readJson(schemaFile, 'schema');
  if (schema.error) {
    console.error(schema.error);
    return 2;
  }
  const sarif = readJson(sarifFile, 'SARIF file');
  if (sarif.error) {
    console.error(sarif.error);
    return 1;
  }

  // strict: false because the official schema uses draft-04 idioms Ajv's strict mode rejects.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  let validate;
  try {
    validate = ajv.compile(schema.value);
  } catch (e) {
    console.error(`cannot compile schema ${schemaFile}: ${e.message}`);
    return 2;
  }

  const name = path.basename(sarifFile);
  if (validate(sarif.value)) {
    console.log(`${name}: valid SARIF (${path.basename(schemaFile)})`);
    return 0;
  }
  const errors = validate.errors || [];
  console.error(`${name}: ${errors.length} schema error(s) against ${path.basename(schemaFile)}:`);
  for (const err of errors) {
    const where = err.instancePath === '' ? '(root)' : err.instancePath;
    console.error(`  ${where}: ${err.message} [${err.schemaPath}] ${JSON.stringify(err.params)}`);
  }
  return 1;
}

process.exitCode = main(process.argv.slice(2));
