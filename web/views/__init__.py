"""Blueprints, one per part of the site."""
