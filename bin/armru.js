#!/usr/bin/env node
require('../dist/armru/entry.cjs').start(process.argv);
