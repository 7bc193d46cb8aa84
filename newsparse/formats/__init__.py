"""Output formats beyond JSON and text: Parquet (the `parquet` extra), written with the fixed schema."""
