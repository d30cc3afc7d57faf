#!/usr/bin/env node
import '@mlops/model-registry/cli';
