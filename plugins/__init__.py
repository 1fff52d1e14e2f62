"""Built-in agreement plugins, one package per agreement."""
