from generator.cli import run

# Guarded: worker processes (spawned to analyse seeds in parallel) import this module too.
if __name__ == "__main__":
    run()
