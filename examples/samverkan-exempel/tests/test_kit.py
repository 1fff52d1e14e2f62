from samverkan.kit import test_kit  # noqa: F401  (the kit, on the plugins pyproject.toml declares)
