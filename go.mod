module vaxsim

go 1.26
