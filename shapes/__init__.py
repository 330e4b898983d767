"""SHACL shapes (Turtle files): the data contract of Annals, read by kb.validate."""
