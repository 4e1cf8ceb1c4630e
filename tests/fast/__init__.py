"""Tests of the fast backends."""
