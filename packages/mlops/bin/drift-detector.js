#!/usr/bin/env node
import '@mlops/drift-detector/cli';
