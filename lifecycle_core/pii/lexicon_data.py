"""A general US name lexicon: the most frequent first names (1,200 female, 700 male) and 3,000 surnames
of the 1990 US Census name files (public domain; as shipped in the `names` PyPI package). Data only."""

FIRST_NAMES = frozenset("""
Aaron Abbie Abby Abel Abigail Abraham Ada Adam Addie Adela Adelaide Adele Adelina Adeline Adolfo Adolph Adrian
Adriana Adrianne Adrienne Agatha Agnes Agustin Aida Aileen Aimee Aisha Al Alan Alana Alba Albert Alberta Alberto
Alecia Alejandra Alejandro Alene Alex Alexander Alexandra Alexandria Alexis Alfonso Alfred Alfreda Alfredo Ali
Alice Alicia Aline Alisa Alisha Alison Alissa Allan Allen Allene Allie Allison Allyson Alma Alonzo Alphonso Alta
Althea Alton Alva Alvaro Alvin Alvina Alyce Alyson Alyssa Amalia Amanda Amber Amelia Amie Amos Amparo Amy Ana
Anastasia Andre Andrea Andres Andrew Andy Angel Angela Angelia Angelica Angelina Angeline Angelique Angelita
Angelo Angie Anita Ann Anna Annabelle Anne Annette Annie Annmarie Anthony Antionette Antoine Antoinette Anton
Antonia Antonio April Araceli Archie Ariel Arleen Arlene Arline Armand Armando Arnold Arthur Arturo Ashlee
Ashleigh Ashley Athena Aubrey Audra Audrey August Augusta Aurelia Aurora Austin Autumn Ava Avery Avis Barb
Barbara Barbra Barry Bart Basil Beatrice Beatriz Becky Belinda Belle Ben Benita Benito Benjamin Bennie Benny
Bernadette Bernadine Bernard Bernardo Bernice Bert Berta Bertha Bertie Beryl Bess Bessie Beth Bethany Betsy
Bette Bettie Betty Bettye Beulah Beverley Beverly Bianca Bill Billie Billy Birdie Blaine Blake Blanca Blanche
Bob Bobbi Bobbie Bobby Bonita Bonnie Boyd Brad Bradford Bradley Brady Brain Brandi Brandie Brandon Brandy Brenda
Brendan Brent Bret Brett Brian Briana Brianna Brianne Bridget Bridgett Bridgette Brigitte Britney Brittany
Brittney Brooke Bruce Bruno Bryan Bryant Bryce Bryon Buddy Burton Byron Caitlin Caleb Callie Calvin Cameron
Camilla Camille Candace Candice Candida Candy Cara Caren Carey Cari Carissa Carl Carla Carlene Carlos Carlton
Carly Carmela Carmella Carmen Carol Carole Carolina Caroline Carolyn Carrie Carroll Cary Caryn Casandra Casey
Cassandra Cassie Catalina Catherine Cathleen Cathrine Cathryn Cathy Catrina Cecelia Cecil Cecile Cecilia Cedric
Celeste Celestine Celia Celina Cesar Chad Chandra Chantel Charity Charlene Charles Charlie Charlotte Charmaine
Chase Chasity Chelsea Chelsey Cheri Cherie Cherry Cheryl Chester Chloe Chong Chris Christa Christen Christi
Christian Christie Christin Christina Christine Christopher Christy Chrystal Chuck Cindi Cindy Claire Clara
Clare Clarence Clarice Clarissa Clark Claude Claudette Claudia Claudine Clay Clayton Clement Cleo Cleveland
Cliff Clifford Clifton Clint Clinton Clyde Cody Cole Coleen Colette Colin Colleen Concepcion Concetta Connie
Conrad Constance Consuelo Cora Corey Corina Corine Corinne Cornelia Cornelius Corrine Cortney Cory Courtney Coy
Craig Cristina Cruz Crystal Curt Curtis Cynthia Daisy Dale Dallas Damian Damien Damon Dan Dana Dane Danette
Daniel Daniela Danielle Danna Danny Dante Daphne Dara Darcy Darin Darius Darla Darlene Darnell Darrel Darrell
Darren Darrin Darryl Darwin Daryl Dave David Davis Dawn Dayna Dean Deana Deann Deanna Deanne Debbie Debby Debora
Deborah Debra Dee Deena Deidra Deidre Deirdre Delbert Delia Delilah Della Delma Delois Delores Deloris Delphine
Demetria Demetrius Dena Denice Denis Denise Dennis Denny Derek Derick Derrick Desiree Desmond Dessie Destiny
Devin Devon Dewayne Dewey Dexter Diana Diane Diann Dianna Dianne Diego Dina Dinah Dion Dionne Dixie Dollie Dolly
Dolores Domingo Dominic Dominick Dominique Don Dona Donald Donna Donnell Donnie Donovan Dora Doreen Doretha
Doris Dorothea Dorothy Dorris Dorthy Dottie Doug Douglas Doyle Drew Duane Dudley Dustin Dwayne Dwight Dylan Earl
Earlene Earline Earnest Earnestine Ebony Ed Eddie Eddy Edgar Edith Edmond Edmund Edna Eduardo Edward Edwin
Edwina Edythe Effie Efrain Eileen Elaine Elba Elbert Elda Eldon Eleanor Eleanore Elena Eli Elia Elias Elida
Elijah Elinor Elisa Elisabeth Elise Elisha Eliza Elizabeth Ella Ellen Ellie Elliot Elliott Ellis Elma Elmer
Elnora Eloisa Eloise Elsa Elsie Elton Elva Elvia Elvin Elvira Elvis Elwood Emanuel Emery Emil Emilia Emilie
Emilio Emily Emma Emmanuel Emmett Enid Enrique Eric Erica Erick Ericka Erik Erika Erin Erlinda Erma Erna Ernest
Ernestina Ernestine Ernesto Ernie Ervin Erwin Esmeralda Esperanza Essie Esteban Estela Estella Estelle Ester
Esther Ethan Ethel Etta Eugene Eugenia Eula Eunice Eva Evan Evangelina Evangeline Eve Evelyn Everett Fabian
Faith Fannie Fanny Fatima Fay Faye Federico Felecia Felicia Felipe Felix Fern Fernando Fidel Flora Florence
Florine Flossie Floyd Forrest Fran Frances Francesca Francine Francis Francisca Francisco Frank Frankie Franklin
Fred Freda Freddie Freddy Frederick Fredrick Freida Frieda Gabriel Gabriela Gabrielle Gail Gale Garland Garrett
Garry Gary Gavin Gay Gayla Gayle Gena Gene Geneva Genevieve Geoffrey George Georgette Georgia Georgina Gerald
Geraldine Gerard Gerardo Geri Germaine Gerry Gertrude Gilbert Gilberto Gilda Gina Ginger Gisela Gladys Glen
Glenda Glenn Glenna Gloria Goldie Gonzalo Gordon Grace Gracie Graciela Grady Graham Grant Greg Gregg Gregorio
Gregory Greta Gretchen Griselda Grover Guadalupe Guillermina Guillermo Gus Gussie Gustavo Guy Gwen Gwendolyn Hal
Haley Hallie Hanna Hannah Hans Harlan Harley Harold Harriet Harriett Harrison Harry Harvey Hattie Hazel Heath
Heather Hector Heidi Helen Helena Helene Helga Henrietta Henry Herbert Heriberto Herman Herminia Hester Hilary
Hilda Hillary Hiram Hollie Holly Homer Hope Horace Hortencia Howard Hubert Hugh Hugo Humberto Ian Ida Ignacio
Ila Ilene Imelda Imogene Ina India Ines Inez Ingrid Iola Iona Ione Ira Irene Iris Irma Irvin Irving Isaac Isabel
Isabell Isabella Isabelle Isaiah Ismael Israel Issac Iva Ivan Ivette Ivy Jack Jackie Jacklyn Jackson Jaclyn
Jacob Jacqueline Jacquelyn Jacquline Jade Jaime Jake Jamal James Jami Jamie Jan Jana Jane Janel Janell Janelle
Janet Janette Janice Janie Janine Janis Janna Jannie Jaqueline Jared Jarrod Jarvis Jasmin Jasmine Jason Jasper
Javier Jay Jayne Jayson Jean Jeanette Jeanie Jeanine Jeanna Jeanne Jeannette Jeannie Jeannine Jeff Jefferson
Jeffery Jeffrey Jeffry Jena Jenifer Jenna Jennie Jennifer Jenny Jerald Jeremiah Jeremy Jeri Jermaine Jerome
Jerri Jerry Jess Jesse Jessica Jessie Jesus Jewel Jewell Jill Jillian Jim Jimmie Jimmy Jo Joan Joann Joanna
Joanne Joaquin Jocelyn Jodi Jodie Jody Joe Joel Joesph Joey Johanna John Johnathan Johnnie Johnny Jolene Jon
Jonathan Jonathon Joni Jordan Jorge Jose Josefa Josefina Joseph Josephine Josh Joshua Josie Joy Joyce Juan Juana
Juanita Judi Judith Judy Julia Julian Juliana Julianne Julie Juliet Juliette Julio Julius June Junior Justin
Justina Justine Kaitlin Kaitlyn Kara Karen Kari Karin Karina Karl Karla Karrie Karyn Kasey Kate Katelyn
Katharine Katherine Katheryn Kathi Kathie Kathleen Kathrine Kathryn Kathy Katie Katina Katrina Katy Kay Kaye
Kayla Keisha Keith Kelley Kelli Kellie Kelly Kelsey Kelvin Ken Kendall Kendra Kendrick Kenneth Kenny Kent Kenya
Keri Kermit Kerri Kerry Kevin Kim Kimberlee Kimberley Kimberly Kira Kirk Kirsten Kisha Kitty Kris Krista Kristen
Kristi Kristie Kristin Kristina Kristine Kristopher Kristy Krystal Krystle Kurt Kyle Lacey Lacy Ladonna Lakeisha
Lakesha Lakisha Lamar Lamont Lana Lance Lara Larissa Larry Lashawn Lashonda Latanya Latasha Latisha Latonya
Latoya Latrice Laura Laurel Lauren Laurence Lauri Laurie Laverne Lavonne Lawanda Lawrence Lea Leah Leann Leanna
Leanne Lee Leeann Leigh Leila Lela Leland Lelia Lena Lenora Lenore Leo Leola Leon Leona Leonard Leonardo Leonor
Leora Leroy Lesa Lesley Leslie Lessie Lester Leta Letha Leticia Letitia Lettie Levi Lewis Libby Lidia Lila Lilia
Lilian Liliana Lillian Lillie Lilly Lily Lina Linda Lindsay Lindsey Lionel Lisa Liz Liza Lizzie Lloyd Logan Lois
Lola Lolita Lona Lonnie Lora Loraine Loren Lorena Lorene Lorenzo Loretta Lori Lorie Lorna Lorraine Lorri Lorrie
Lottie Lou Louella Louie Louis Louisa Louise Lourdes Lowell Loyd Luann Lucas Lucia Lucile Lucille Lucinda
Lucretia Lucy Luella Luis Luisa Luke Lula Lupe Luther Luz Lydia Lyle Lyn Lynda Lynette Lynn Lynne Lynnette Ma
Mabel Mable Mack Madeleine Madeline Madelyn Madge Madonna Mae Magdalena Maggie Mai Malcolm Malinda Malissa
Mallory Mamie Mandy Manuel Manuela Mara Marc Marcel Marcella Marci Marcia Marcie Marco Marcos Marcus Marcy
Margaret Margarita Margery Margie Margo Margot Margret Marguerite Mari Maria Marian Mariana Marianna Marianne
Maribel Maricela Marie Marietta Marilyn Marilynn Marina Mario Marion Marisa Marisela Marisol Marissa Maritza
Marjorie Mark Marla Marlene Marlin Marlon Marquita Marsha Marshall Marta Martha Martin Martina Marty Marva
Marvin Mary Maryann Maryanne Marybeth Maryellen Maryjane Marylou Mason Mathew Matilda Matilde Matt Matthew
Mattie Maude Maudie Maura Maureen Maurice Mauricio Maurine Mavis Max Maxine Maxwell May Maya Mayme Maynard Mayra
Meagan Megan Meghan Melanie Melba Melinda Melisa Melissa Mellisa Mellissa Melody Melva Melvin Mercedes Meredith
Merle Merry Mia Micah Michael Michaela Micheal Michel Michele Michell Michelle Mickey Migdalia Miguel Mike
Milagros Mildred Miles Millard Millicent Millie Milton Mina Mindy Minerva Minnie Miranda Miriam Misty Mitchell
Mitzi Moises Mollie Molly Mona Monica Monika Monique Monte Monty Morgan Morris Moses Muriel Murray Myra Myrna
Myron Myrtle Nadia Nadine Nan Nancy Nanette Nannie Naomi Natalia Natalie Natasha Nathan Nathaniel Neal Ned Neil
Nelda Nell Nellie Nelly Nelson Nettie Neva Nicholas Nichole Nick Nickolas Nicolas Nicole Nikki Nilda Nina Nita
Noah Noe Noel Noelle Noemi Nola Nolan Nona Nora Norbert Noreen Norma Norman Norris Octavia Odell Odessa Ofelia
Ola Olga Olive Oliver Olivia Ollie Oma Omar Opal Ophelia Ora Oralia Orlando Orville Oscar Otis Otto Owen Pablo
Paige Pam Pamala Pamela Pansy Pat Patrica Patrice Patricia Patrick Patsy Patti Pattie Patty Paul Paula Paulette
Pauline Pearl Pearlie Pedro Peggy Penelope Penny Percy Perry Pete Peter Petra Phil Philip Phillip Phillis Phoebe
Phyllis Pierre Polly Portia Preston Priscilla Queen Quentin Quincy Quinton Rachael Racheal Rachel Rachelle Rae
Rafael Rafaela Ralph Ramiro Ramon Ramona Randal Randall Randi Randolph Randy Raphael Raquel Raul Ray Raymond
Reba Rebeca Rebecca Rebekah Reed Reggie Regina Reginald Rena Renae Rene Renee Renita Retha Reuben Reva Rex Reyna
Reynaldo Rhea Rhoda Rhonda Ricardo Richard Rick Rickey Rickie Ricky Rigoberto Riley Rita Rob Robbie Robbin
Robert Roberta Roberto Robin Robyn Rocco Rochelle Rocio Rocky Rod Roderick Rodger Rodney Rodolfo Rodrigo Rogelio
Roger Roland Rolando Roman Romeo Ron Ronald Ronda Ronnie Roosevelt Rory Rosa Rosalee Rosalia Rosalie Rosalind
Rosalinda Rosalyn Rosanna Rosanne Rosario Roscoe Rose Roseann Rosella Rosemarie Rosemary Rosetta Rosie Rosita
Roslyn Ross Rowena Roxanna Roxanne Roxie Roy Royce Ruben Ruby Rudolph Rudy Rufus Russel Russell Rusty Ruth
Ruthie Ryan Sabrina Sadie Sallie Sally Salvador Salvatore Sam Samantha Samatha Sammie Sammy Samuel Sandi Sandra
Sandy Santiago Santos Sara Sarah Sasha Saul Saundra Savannah Scot Scott Scotty Sean Sebastian Selena Selina
Selma Serena Sergio Seth Shana Shanda Shane Shanna Shannon Shari Sharlene Sharon Sharron Shaun Shauna Shawn
Shawna Shayla Sheena Sheila Shelby Sheldon Shelia Shelley Shellie Shelly Sheree Sheri Sherman Sherri Sherrie
Sherry Sheryl Shiela Shirley Shonda Sidney Sierra Silvia Simon Simone Socorro Sofia Soledad Solomon Son Sondra
Sonia Sonja Sonya Sophia Sophie Spencer Stacey Staci Stacie Stacy Stan Stanley Stefanie Stella Stephan Stephanie
Stephen Sterling Steve Steven Stewart Stuart Sue Summer Sun Susan Susana Susanna Susanne Susie Suzan Suzanne
Suzette Sybil Sydney Sylvester Sylvia Tabatha Tabitha Tamara Tameka Tamera Tami Tamika Tammi Tammie Tammy Tamra
Tania Tanisha Tanya Tara Taryn Tasha Tawana Taylor Ted Teddy Tera Terence Teresa Teresita Teri Terra Terrance
Terrell Terrence Terri Terrie Terry Tessa Tessie Thaddeus Thelma Theodora Theodore Theresa Therese Thomas
Thurman Tia Tiffany Tillie Tim Timmy Timothy Tina Tisha Toby Todd Tom Tomas Tommie Tommy Toni Tonia Tony Tonya
Tori Tracey Traci Tracie Tracy Travis Trent Treva Trevor Tricia Trina Trisha Troy Trudy Twila Ty Tyler Tyrone
Tyson Ulysses Ursula Valarie Valencia Valeria Valerie Van Vance Vanessa Vaughn Veda Velma Vera Verda Vern Verna
Vernice Vernon Veronica Vesta Vicente Vicki Vickie Vicky Victor Victoria Vida Vilma Vince Vincent Viola Violet
Virgie Virgil Virgina Virginia Vivian Vonda Wade Wallace Walter Wanda Ward Warren Wayne Wendell Wendi Wendy
Wesley Whitney Wilbert Wilbur Wilda Wiley Wilfred Wilfredo Wilhelmina Will Willa Willard William Williams Willie
Willis Wilma Wilson Winifred Winnie Winona Winston Wm Woodrow Xavier Yesenia Yolanda Yong Young Yvette Yvonne
Zachary Zelda Zella Zelma Zoe
""".split())

LAST_NAMES = frozenset("""
Aaron Abbott Abel Abernathy Abney Abraham Abrams Abreu Acevedo Acker Ackerman Acosta Adair Adam Adams Adamson
Adcock Addison Adkins Adler Agee Aguilar Aguilera Aguirre Aiken Ainsworth Akers Akins Alaniz Albert Albrecht
Albright Alderman Aldrich Aldridge Alexander Alfaro Alford Ali Alicea Allard Allen Alley Allison Allred Alonso
Alonzo Alston Altman Alvarado Alvarez Amador Amaya Ambrose Ames Amos Anaya Anders Andersen Anderson Andrade
Andrew Andrews Angel Anglin Anthony Aponte Applegate Aquino Aragon Arce Archer Archuleta Arellano Arevalo Arias
Armstead Armstrong Arnett Arnold Arredondo Arrington Arroyo Arsenault Arthur Artis Ash Ashby Ashcraft Asher
Ashley Ashton Askew Atkins Atkinson Atwood Augustine Austin Avalos Avery Avila Aviles Ayala Ayers Ayres Babb
Babcock Baca Bacon Baer Baez Baggett Bagley Bagwell Bailey Bain Baird Baker Baldwin Bales Ball Ballard Banda
Banks Barajas Barbee Barber Barbosa Barbour Barclay Barfield Barger Barker Barkley Barksdale Barlow Barnard
Barnes Barnett Barney Barnhart Baron Barr Barrera Barrett Barrios Barron Barrow Barry Barth Bartholomew Bartlett
Bartley Barton Bass Bassett Bateman Bates Battle Batts Bauer Baugh Baughman Baum Bauman Bautista Baxter Beach
Beal Beam Bean Beard Bearden Beasley Beatty Beaty Beauchamp Beaulieu Beaver Beavers Becerra Beck Becker Beckett
Beckham Beckman Beckwith Beebe Begay Begley Behrens Belanger Belcher Bell Bellamy Beltran Benavides Benavidez
Bender Benedict Benitez Benjamin Benner Bennett Benoit Benson Bentley Benton Berg Berger Bergeron Bergman Berman
Bermudez Bernal Bernard Bernier Bernstein Berrios Berry Bess Best Betancourt Bethea Betts Beverly Beyer Biddle
Bigelow Biggs Billings Billingsley Bingham Bird Bishop Black Blackburn Blackman Blackmon Blackwell Blair Blake
Blakely Blalock Blanchard Blanco Bland Blank Blankenship Blanton Bledsoe Blevins Bliss Block Blocker Bloom
Blount Blue Blum Bobo Boggs Bohannon Bolden Boles Bolin Boling Bollinger Bolton Bond Bonds Bone Bonilla Bonner
Booker Boone Booth Borden Bostic Boston Boswell Bouchard Boucher Boudreau Boudreaux Bourgeois Bourque Bowden
Bowen Bowens Bower Bowers Bowie Bowles Bowling Bowman Bowser Box Boyce Boyd Boyer Boykin Boyle Boyles Braden
Bradford Bradley Bradshaw Brady Bragg Branch Brand Brandon Brandt Branham Brannon Brantley Braswell Braun Bravo
Braxton Bray Breaux Breeden Brennan Brenner Brewer Brewster Bridges Briggs Bright Brink Brinkley Brinson Briscoe
Britt Britton Brock Bronson Brooks Broome Brothers Broughton Broussard Brower Brown Browne Browning Brownlee
Bruce Bruner Brunner Bruno Brunson Bryan Bryant Bryson Buchanan Buck Buckley Buckner Bueno Buffington Buford
Bull Bullard Bullock Bunch Bundy Bunn Burch Burchett Burden Burdick Burger Burgess Burgos Burk Burke Burkett
Burkhart Burks Burleson Burnett Burnette Burney Burnham Burns Burr Burrell Burris Burroughs Burrows Burt Burton
Busby Busch Bush Bustamante Butcher Butler Butterfield Butts Byers Bynum Byrd Byrne Caballero Cabral Cabrera
Cagle Cahill Cain Calderon Caldwell Calhoun Call Callahan Callaway Calloway Calvert Camacho Cameron Camp
Campbell Campos Canales Canfield Cannon Cano Cantrell Cantu Capps Carbone Cardenas Cardona Cardwell Carey
Carlisle Carlson Carlton Carmichael Carmona Carnes Carney Caron Carpenter Carr Carranza Carrasco Carrier
Carrillo Carrington Carroll Carson Carter Cartwright Caruso Carver Cary Case Casey Cash Casillas Cason Casper
Cassidy Castaneda Castellanos Castillo Castle Castro Cates Cathey Caudill Causey Cavanaugh Cavazos Cerda
Cervantes Chacon Chadwick Chamberlain Chambers Champagne Champion Chan Chance Chandler Chaney Chang Chapa
Chapman Chappell Charles Chase Chastain Chatman Chavarria Chavez Chavis Cheatham Cheek Chen Cheney Cheng Cherry
Chester Chestnut Childers Childress Childs Chin Chisholm Cho Choate Choi Chong Chow Christensen Christenson
Christian Christiansen Christie Christopher Christy Chu Chung Church Churchill Cintron Cisneros Clark Clarke
Clary Clay Clayton Cleary Clemens Clement Clements Clemons Cleveland Clevenger Clifford Clifton Cline Clinton
Cloud Cloutier Coates Coats Cobb Coburn Cochran Cockrell Cody Coe Coffey Coffman Cohen Coker Colbert Colburn
Colby Cole Coleman Coles Coley Collazo Collier Collins Colon Colvin Combs Comer Compton Conklin Conley Conn
Connell Connelly Conner Connolly Connor Connors Conrad Conroy Contreras Conway Cook Cooke Cooley Coon Cooney
Cooper Cope Copeland Corbett Corbin Corcoran Cordero Cordova Corey Corley Cormier Cornelius Cornell Cornett
Cornish Cornwell Corona Coronado Correa Cortes Cortez Cosby Costa Costello Cote Cotton Cottrell Couch Coughlin
Coulter Courtney Couture Covington Cowan Cowart Cox Coy Coyle Crabtree Craft Craig Crain Cramer Crandall Crane
Craven Crawford Crawley Creech Crenshaw Crespo Crews Crisp Crist Crocker Crockett Croft Cromwell Cronin Crook
Crosby Cross Crouch Crouse Crow Crowder Crowe Crowell Crowley Crum Crump Cruz Cuellar Cuevas Cullen Culp
Culpepper Culver Cummings Cummins Cunningham Curley Curran Currie Currier Curry Curtis Cutler Cyr Dahl Daigle
Dailey Dale Daley Dalton Daly Daniel Daniels Darby Darden Darling Darnell Daugherty Davenport David Davidson
Davies Davila Davis Davison Dawkins Dawson Day Deal Dean Deaton Decker Dejesus Delacruz Delaney Delarosa
Delatorre Deleon Delgado Deloach Delong Deluca Delvalle Dempsey Denney Dennis Dennison Denny Denson Dent Denton
Devine Devore Dewey Dewitt Diamond Dias Diaz Dick Dickens Dickerson Dickey Dickinson Dickson Diehl Dietrich
Dietz Diggs Dill Dillard Dillon Dixon Do Dobbins Dobbs Dobson Dockery Dodd Dodge Dodson Doe Doherty Dolan
Dominguez Donahue Donald Donaldson Donnelly Donovan Dooley Doran Dorman Dorsey Doss Dotson Doty Dougherty
Doughty Douglas Douglass Dove Dow Dowd Dowdy Dowell Dowling Downey Downing Downs Doyle Dozier Drake Draper Drew
Driscoll Driver Drummond Duarte Dube Dubois Dubose Duckworth Dudley Duff Duffy Dugan Duggan Duke Dukes Dumas
Dunbar Duncan Dunham Dunlap Dunn Dunning Dupre Dupree Duran Durant Durbin Durham Dutton Duvall Dwyer Dye Dyer
Dykes Dyson Earl Early Easley Eason East Easter Eastman Eaton Ebert Echols Eckert Eddy Edmond Edmonds Edmondson
Edward Edwards Egan Eggleston Elam Elder Eldridge Elias Elkins Eller Ellington Elliot Elliott Ellis Ellison
Ellsworth Elmore Elrod Ely Emerson Emery Emmons Engel England Engle English Ennis Enriquez Epperson Epps
Erickson Ernst Ervin Erwin Escamilla Escobar Escobedo Esparza Espinosa Espinoza Esposito Esquivel Estep Estes
Estrada Etheridge Eubanks Evans Everett Everhart Ewing Ezell Fagan Fair Fairchild Falcon Farley Farmer
Farnsworth Farr Farrar Farrell Farris Farrow Faulk Faulkner Faust Fay Felder Feldman Feliciano Felix Felton
Fennell Fenton Ferguson Fernandes Fernandez Ferrara Ferreira Ferrell Ferris Field Fields Figueroa Finch Fink
Finley Finn Finney Fischer Fish Fisher Fisk Fitch Fitzgerald Fitzpatrick Flaherty Flanagan Fleming Fletcher
Flint Flood Florence Flores Flowers Floyd Flynn Fogle Foley Fontaine Fontenot Foote Forbes Ford Foreman Forman
Forrest Forsythe Forte Fortier Fortin Fortner Fortune Foss Foster Fountain Fournier Foust Fowler Fox Foy Fraley
France Francis Francisco Franco Frank Franklin Franks Frantz Fraser Frazier Frederick Free Freeman French Frey
Friedman Friend Fritz Frost Fry Frye Fuentes Fugate Fuller Fulton Fultz Funk Gabriel Gaddis Gaffney Gage Gagne
Gagnon Gaines Gaither Gale Galindo Gallagher Gallant Gallardo Gallegos Gallo Galloway Galvan Gamble Gamez Gandy
Gann Gannon Gant Garcia Gardiner Gardner Garland Garner Garnett Garrett Garrison Garvin Gary Garza Gaskins
Gaston Gates Gatlin Gauthier Gavin Gay Geary Gee Geiger Gentile Gentry George Gerber German Gibbons Gibbs Gibson
Gifford Gil Gilbert Gilchrist Giles Gill Gillespie Gillette Gilley Gilliam Gilliland Gillis Gilman Gilmore
Giordano Gipson Girard Givens Glass Gleason Glenn Glover Goddard Godfrey Godwin Goetz Goff Goins Gold Goldberg
Golden Goldman Goldsmith Goldstein Gomes Gomez Gonzales Gonzalez Gooch Good Goode Gooden Goodman Goodrich
Goodson Goodwin Gordon Gore Gorman Goss Gossett Gould Grace Grady Graf Graham Granger Grant Grantham Graves Gray
Grayson Greco Green Greenberg Greene Greenfield Greenwood Greer Gregg Gregory Gresham Grey Grier Griffin
Griffith Griffiths Griggs Grigsby Grimes Grimm Grissom Grogan Gross Grossman Grove Grover Groves Grubb Grubbs
Gruber Guajardo Guerra Guerrero Guevara Guidry Guillen Guillory Guinn Gunderson Gunn Gunter Gurley Gustafson
Guthrie Gutierrez Guy Guyton Guzman Haas Hacker Hackett Hadley Hagan Hagen Hager Hahn Haines Hairston Hale Haley
Hall Ham Hamby Hamel Hamilton Hamlin Hamm Hammer Hammond Hammonds Hammons Hampton Han Hancock Hand Handy Haney
Hankins Hanks Hanley Hanna Hannah Hannon Hansen Hanson Harbin Harden Harder Hardin Harding Hardison Hardman
Hardy Hare Hargrove Harkins Harley Harlow Harman Harmon Harms Harp Harper Harrell Harrington Harris Harrison
Harry Hart Hartley Hartman Harvey Haskins Hastings Hatch Hatcher Hatfield Hathaway Hatton Hauser Havens Hawk
Hawkins Hawks Hawley Hawthorne Hay Hayden Hayes Haynes Hays Hayward Haywood Head Healy Heard Hearn Heath Heaton
Hebert Heck Hedrick Heller Helm Helms Helton Hemphill Henderson Hendricks Hendrickson Hendrix Henley Henning
Henry Hensley Henson Herbert Herman Hernandez Herndon Herrera Herring Herrington Herrmann Herron Herzog Hess
Hester Hewitt Hiatt Hickey Hickman Hicks Hidalgo Higginbotham Higgins High Hightower Hill Hilliard Hillman Hills
Hilton Himes Hinds Hines Hinkle Hinojosa Hinson Hinton Hirsch Hitchcock Hite Ho Hobbs Hobson Hodge Hodges Hoff
Hoffman Hoffmann Hogan Hogue Holbrook Holcomb Holden Holder Holland Holley Holliday Hollingsworth Hollins Hollis
Holloway Holm Holman Holmes Holt Holton Honeycutt Hong Hood Hook Hooker Hooks Hooper Hoover Hope Hopkins Hopper
Hopson Horn Horne Horner Horton Hoskins Houck Hough Houle House Houser Houston Howard Howe Howell Howland Hoyle
Hoyt Huang Hubbard Huber Huddleston Hudgins Hudson Huerta Huey Huff Huffman Huggins Hughes Hull Hummel Humphrey
Humphreys Humphries Hunt Hunter Huntley Hurd Hurley Hurst Hurt Hurtado Huston Hutchins Hutchinson Hutchison
Hutson Hutton Huynh Hyatt Hyde Hyman Ibarra Ingram Inman Irby Irizarry Irvin Irving Irwin Isaac Isaacs Isbell
Isom Israel Iverson Ivey Ivy Jack Jackson Jacob Jacobs Jacobsen Jacobson Jacques James Jameson Jamison Jansen
Jaramillo Jarrell Jarrett Jarvis Jean Jeffers Jefferson Jeffries Jenkins Jennings Jensen Jernigan Jeter Jett
Jewell Jimenez John Johns Johnson Johnston Joiner Jolly Jones Jordan Jordon Jorgensen Joseph Joy Joyce Joyner
Juarez Judd Jude Julian Jung Justice Kahn Kaiser Kane Kang Kaplan Katz Kauffman Kaufman Kay Kearney Kearns
Keating Keaton Keen Keenan Keene Keith Keller Kelley Kellogg Kelly Kelsey Kemp Kendall Kendrick Kennedy Kenney
Kenny Kent Kenyon Kern Kerns Kerr Kessler Key Keyes Keys Khan Kidd Kilgore Killian Kilpatrick Kim Kimball Kimble
Kimbrough Kincaid Kinder King Kinney Kinsey Kirby Kirk Kirkland Kirkpatrick Kiser Kitchen Klein Kline Knapp
Knight Knott Knowles Knox Knutson Koch Koehler Koenig Kohler Kolb Kowalski Kraft Kramer Kraus Krause Krebs
Krueger Kruger Kruse Kuhn Kurtz Kuykendall Kyle Lacey Lachance Lackey Lacy Ladd Ladner Laird Lake Lam Lamar Lamb
Lambert Lancaster Lance Land Landers Landis Landrum Landry Lane Lang Lange Langford Langley Langston Lanier
Lankford Lapointe Lara Larkin Larsen Larson Larue Lassiter Latham Lau Laughlin Lavoie Law Lawler Lawrence Laws
Lawson Lawton Lay Layne Layton Le Leach Leal Leary Leavitt Leblanc Ledbetter Ledesma Ledford Lee Leggett Lehman
Lemieux Lemon Lemons Lentz Leon Leonard Leone Leslie Lester Levesque Levin Levine Levy Lewis Leyva Li Libby
Light Liles Lilly Lim Lin Lincoln Lind Linder Lindquist Lindsay Lindsey Link Linn Linton Lipscomb Little
Littlefield Littlejohn Liu Lively Livingston Lloyd Locke Lockett Lockhart Locklear Lockwood Lofton Logan Logsdon
Lomax Lombardi Lombardo London Long Longoria Loomis Looney Lopes Lopez Lord Lorenz Lott Louis Love Lovelace
Lovell Lovett Lowe Lowery Lowry Loyd Lozano Lucas Lucero Ludwig Lugo Lujan Luke Lumpkin Luna Lund Lundy Lunsford
Lusk Luther Lutz Ly Lyle Lyles Lyman Lynch Lynn Lyon Lyons Lytle Mabry Macdonald Mace Machado Macias Mack
Mackenzie Mackey Macon Madden Maddox Madison Madrid Madrigal Madsen Magana Magee Maguire Mahan Maher Mahon
Mahoney Main Major Majors Malcolm Maldonado Mallory Malloy Malone Maloney Manley Mann Manning Mansfield Manuel
Maples March Marcum Marcus Marin Marino Marion Mark Markham Marks Marlow Marquez Marrero Marsh Marshall Martel
Martin Martinez Martino Marvin Marx Mason Massey Masters Mata Mathews Mathis Matlock Matos Matson Matthew
Matthews Mattingly Mattox Mattson Mauldin Maurer Maxwell May Mayberry Mayer Mayes Mayfield Maynard Mayo Mays
Mcadams Mcalister Mcallister Mcarthur Mcbride Mccabe Mccain Mccall Mccann Mccarter Mccarthy Mccartney Mccarty
Mccauley Mcclain Mcclellan Mcclelland Mcclendon Mccloud Mcclure Mccollum Mccombs Mcconnell Mccord Mccormack
Mccormick Mccoy Mccracken Mccrary Mccray Mccullough Mccurdy Mcdaniel Mcdermott Mcdonald Mcdonough Mcdowell
Mcduffie Mcelroy Mcfadden Mcfarland Mcgee Mcghee Mcgill Mcginnis Mcgovern Mcgowan Mcgrath Mcgraw Mcgregor
Mcguire Mchenry Mchugh Mcintosh Mcintyre Mckay Mckee Mckenna Mckenzie Mckinley Mckinney Mckinnon Mcknight Mclain
Mclaughlin Mclean Mclendon Mcleod Mcmahan Mcmahon Mcmanus Mcmillan Mcmillian Mcmullen Mcnair Mcnally Mcnamara
Mcneal Mcneil Mcneill Mcnulty Mcnutt Mcpherson Mcqueen Mcrae Mcwhorter Mcwilliams Mead Meade Meador Meadows
Means Medeiros Medina Medley Medrano Meehan Meek Meeks Meier Mejia Melendez Melton Melvin Mena Menard Mendez
Mendoza Mercado Mercer Merchant Meredith Merrill Merritt Messer Metcalf Metz Metzger Meyer Meyers Meza Michael
Michaels Michaud Michel Middleton Milam Miles Millard Miller Milligan Mills Milner Milton Mims Miner Minor
Minton Miranda Mitchell Mixon Mize Mobley Mock Moeller Moffett Mohr Mojica Molina Monahan Monk Monroe Montalvo
Montanez Montano Montes Montgomery Montoya Moody Moon Mooney Moore Mora Morales Moran Moreland Moreno Morey
Morgan Morin Morrell Morris Morrison Morrissey Morrow Morse Morton Moseley Moser Moses Mosher Mosley Moss Motley
Mott Moulton Moya Moyer Mueller Mullen Muller Mulligan Mullins Muncy Muniz Munoz Munson Murdock Murillo Murphy
Murray Murrell Murry Muse Myers Myles Myrick Nadeau Nagle Nance Napier Naquin Nash Nava Navarro Naylor Neal
Needham Neely Neff Negrete Negron Neil Nelson Nesbitt Nettles Neumann Newberry Newby Newcomb Newell Newman
Newsom Newsome Newton Ng Ngo Nguyen Nicholas Nichols Nicholson Nickerson Nielsen Nielson Nieto Nieves Nix Nixon
Noble Nobles Noe Noel Nolan Noland Nolen Norman Norris North Norton Norwood Novak Nowak Noyes Nugent Numbers
Nunez Nunn Oakes Oakley Obrien Ocampo Ochoa Oconnell Oconnor Odell Odom Odonnell Ogden Ogle Oglesby Ohara Ojeda
Okeefe Oldham Oleary Olivares Olivas Oliver Olsen Olson Olvera Omalley Oneal Oneil Oneill Ornelas Orourke Orozco
Orr Ortega Ortiz Osborn Osborne Osorio Otero Ott Otto Ouellette Outlaw Overstreet Overton Owen Owens Pace
Pacheco Pack Padgett Padilla Pagan Page Paige Paine Painter Palacios Palma Palmer Pappas Paquette Parent Parham
Paris Parish Park Parker Parks Parnell Parr Parra Parris Parrish Parrott Parson Parsons Partridge Pate Patel
Patrick Patten Patterson Patton Paul Paulsen Paulson Paxton Payne Payton Paz Peachey Peacock Pearce Pearson
Pease Peck Pedersen Pederson Pelletier Pemberton Pena Pence Pendleton Penn Pennington Peoples Pepper Peralta
Perdue Pereira Perez Perkins Perry Perryman Person Peters Petersen Peterson Pettit Petty Pfeiffer Pham Phan
Phelan Phelps Phillips Phipps Pickens Pickering Pickett Pierce Pierre Pierson Pike Pimentel Pina Pineda Pinson
Piper Pitt Pittman Pitts Platt Plummer Poe Poindexter Poirier Polanco Polk Pollard Pollock Ponce Ponder Pool
Poole Pope Porter Portillo Posey Post Potter Potts Poulin Powell Power Powers Prado Prater Prather Pratt
Prescott Presley Pressley Preston Prewitt Price Priest Prince Pringle Pritchard Pritchett Proctor Pruett Pruitt
Pryor Puckett Pugh Pullen Pulliam Purcell Purdy Purnell Purvis Putnam Pyle Qualls Quarles Queen Quezada Quick
Quigley Quinn Quinones Quintana Quintanilla Quintero Quiroz Rader Radford Ragland Ragsdale Raines Rainey Rains
Ralston Ramey Ramirez Ramos Ramsey Randall Randle Randolph Rangel Rankin Ransom Rapp Rasmussen Ratcliff Ratliff
Ray Raymond Rea Read Reagan Reardon Reaves Rector Redd Redding Redman Redmond Reece Reed Reeder Reedy Rees Reese
Reeves Regan Reid Reilly Reiter Rendon Renner Renteria Reyes Reyna Reynolds Reynoso Rhoades Rhoads Rhodes Rice
Rich Richard Richards Richardson Richey Richmond Richter Ricker Ricketts Ricks Rico Riddick Riddle Rider
Ridgeway Ridley Riggins Riggs Riley Rinehart Ring Rios Ritchie Ritter Rivas Rivera Rivers Rizzo Roach Roark Robb
Robbins Roberson Robert Roberts Robertson Robinette Robins Robinson Robison Robles Roby Rocha Roche Rock
Rockwell Rodgers Rodrigues Rodriguez Rodriquez Roe Rogers Rojas Roland Rollins Roman Romano Romero Romo Rooney
Root Roper Rosa Rosado Rosales Rosario Rosas Rose Rosen Rosenberg Rosenthal Ross Rossi Roth Rouse Roush Rowan
Rowe Rowell Rowland Rowley Roy Royal Rubin Rubio Rucker Rudd Rudolph Ruff Ruffin Ruiz Runyon Rush Rushing Russ
Russell Russo Ruth Rutherford Rutledge Ryan Ryder Saavedra Sadler Saenz Salas Salazar Saldana Salgado Salinas
Salisbury Salmon Salter Sample Sampson Sams Samuel Samuels Sanborn Sanchez Sanders Sanderson Sandoval Sands
Sanford Santana Santiago Santos Sapp Sargent Satterfield Saucedo Sauer Saunders Savage Sawyer Saylor Scales
Scarborough Schaefer Schaeffer Schafer Schaffer Schell Schilling Schmidt Schmitt Schmitz Schneider Schofield
Schrader Schreiber Schroeder Schuler Schulte Schultz Schulz Schumacher Schuster Schwab Schwartz Schwarz Scott
Scroggins Scruggs Seal Seals Seaman Sears Seay Segura Seitz Selby Self Sellers Serna Serrano Seward Sewell
Sexton Seymour Shackelford Shafer Shaffer Shah Shanks Shannon Shapiro Sharp Sharpe Shaver Shaw Shea Shearer
Sheehan Sheets Sheffield Shelby Sheldon Shell Shelley Shelton Shepard Shepherd Sheppard Sheridan Sherman
Sherrill Sherrod Sherwood Shields Shipley Shipman Shipp Shirley Shockley Shoemaker Shook Short Shorter Shuler
Shultz Siegel Sierra Sikes Silva Silver Silverman Simmons Simms Simon Simons Simpkins Simpson Sims Sinclair
Singer Singh Singletary Singleton Sisk Sisson Sizemore Skaggs Skelton Skidmore Skinner Slade Slater Slaughter
Sledge Sloan Slone Small Smalley Smalls Smallwood Smart Smiley Smith Sneed Snell Snider Snodgrass Snow Snowden
Snyder Solis Solomon Sommers Sorensen Sorenson Sosa Sotelo Soto Sousa South Souza Sowell Sowers Spain Spangler
Spann Sparks Spaulding Spear Spears Speer Spence Spencer Spicer Spivey Sprague Springer Spruill Spurlock Squires
Stacy Stafford Stahl Staley Stallings Stamper Stanfield Stanford Stanley Stanton Staples Stapleton Stark Starkey
Starks Starnes Starr Staton Stclair Stearns Steele Steen Stein Steiner Stephens Stephenson Stepp Sterling Stern
Stevens Stevenson Steward Stewart Stiles Still Stinson Stjohn Stockton Stoddard Stokes Stone Stoner Storey Story
Stout Stovall Stover Strange Stratton Strauss Street Streeter Strickland Stringer Strong Stroud Stuart Stubbs
Stump Suarez Suggs Sullivan Summers Sumner Sutherland Sutton Swafford Swain Swan Swann Swanson Swartz Sweeney
Sweet Swenson Swift Switzer Sykes Sylvester Tabor Tackett Talbert Talbot Talley Tan Tang Tanner Tapia Tate Tatum
Taylor Teague Teel Temple Templeton Terrell Terry Thacker Thao Tharp Thayer Thibodeau Thibodeaux Thigpen Thomas
Thomason Thompson Thomson Thorn Thorne Thornton Thorpe Thrasher Thurman Thurston Tidwell Tilley Tillman Timmons
Tinsley Tipton Tirado Titus Tobias Tobin Todd Tolbert Tolliver Tomlin Tomlinson Tompkins Toney Torres Torrez
Toth Tovar Townsend Tracy Trahan Trammell Tran Travis Traylor Trejo Trent Trevino Trimble Triplett Tripp Trotter
Trout Troutman Trujillo Truong Tubbs Tucker Turner Turpin Tuttle Tyler Tyson Ulrich Underwood Unger Upchurch
Upton Urban Uribe Vail Valadez Valdes Valdez Valencia Valentin Valentine Valenzuela Valle Vance Vandyke Vang
Vanhorn Vann Varela Vargas Varner Varney Vasquez Vaughan Vaughn Vazquez Vega Vela Velasco Velasquez Velazquez
Velez Ventura Vera Vernon Vest Vick Vickers Vidal Vigil Villa Villalobos Villanueva Villarreal Villegas Vincent
Vines Vinson Vogel Vogt Voss Vu Waddell Wade Waggoner Wagner Wagoner Wahl Waite Wakefield Walden Waldron Waldrop
Walker Wall Wallace Waller Wallis Walls Walsh Walter Walters Walton Wang Ward Warden Ware Warner Warren Washburn
Washington Waterman Waters Watkins Watson Watt Watts Waugh Way Weathers Weaver Webb Webber Weber Webster Weeks
Weems Weiner Weinstein Weir Weiss Welch Weldon Weller Wellman Wells Welsh Werner Wesley West Westbrook
Westmoreland Weston Wetzel Whalen Whaley Whatley Wheat Wheatley Wheeler Whipple Whitaker White Whitehead
Whitfield Whiting Whitley Whitlock Whitman Whitmore Whitney Whitson Whitt Whittaker Whitten Whittington Wicker
Wiggins Wilbur Wilburn Wilcox Wilder Wiles Wiley Wilhelm Wilkerson Wilkes Wilkins Wilkinson Wilks Willard
Willett Willey William Williams Williamson Willingham Willis Willoughby Wills Wilson Windham Wing Winkler Winn
Winslow Winstead Winston Winter Winters Wise Wiseman Withers Witherspoon Witt Wofford Wolf Wolfe Wolff Wolford
Womack Wong Wood Woodall Woodard Woodruff Woods Woodson Woodward Woody Wooten Workman Worley Worrell Worthington
Wray Wren Wright Wu Wyatt Wylie Wyman Wynn Xiong Yancey Yanez Yang Yarbrough Yates Yazzie Ybarra Yeager Yee Yi
Yoder York Yost Young Youngblood Younger Yu Zamora Zapata Zavala Zeigler Zepeda Ziegler Zimmer Zimmerman Zuniga
""".split())
