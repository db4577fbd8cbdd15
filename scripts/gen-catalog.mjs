// Placeholder: replaced by the catalog generator.
