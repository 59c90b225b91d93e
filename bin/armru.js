#!/usr/bin/env node
import { run } from '../dist/armru/cli.js';

run(process.argv);
