from wijkregie.cli import main

main()
