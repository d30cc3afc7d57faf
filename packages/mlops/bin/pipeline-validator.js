#!/usr/bin/env node
import '@mlops/pipeline-validator/cli';
