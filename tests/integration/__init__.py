"""Tests that cross the layers of docs/architecture.md: a register's or a shared app's rules
shown together with the capability apps above it (the apps' own tests import only their own
layer and below, as the code does)."""
