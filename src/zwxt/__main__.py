from zwxt.cli import main

raise SystemExit(main())
