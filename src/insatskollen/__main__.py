from insatskollen.cli import main

main()
