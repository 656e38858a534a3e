from vital.cli.main import main

main()
