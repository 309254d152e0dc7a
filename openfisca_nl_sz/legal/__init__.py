"""Law arithmetic shared by the variable modules, in one home.

The modules in `variables/` are loaded from their files by the tax-benefit system and cannot import
each other, so arithmetic that more than one law uses lives here as pure, vectorised functions:

- `box1`: the box-1 brackets, premies volksverzekeringen and algemene heffingskorting (Wet IB 2001);
- `gross_up`: the exact gross-up of a net benefit under box 1 (the bijstand's gross for the Awir);
- `arbeidsverleden`: the fictive work history of WW art. 42 and WIA art. 59 (duration of a benefit);
- `rounding`: rounding to whole cents the way UWV and SZW tables round;
- `tw_normen`: the TW art. 9 derivation of the Toeslagenwet norms that have no published table;
- `gezin`: sums over the Participatiewet/Awir gezin (aanvrager and partner).
- `wia_lau`: the WGA loonaanvullingsuitkering of WIA art. 61 lid 2-6 (law and hardheidsclausule reform);
- `coverage`: the months the legislation covers and the amounts a month carries forward.
"""
